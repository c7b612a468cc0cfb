namespace FluxSpecs;

/// <summary>The provider ids used in cards, the CLI, environment variables and emulator paths.</summary>
public static class ProviderIds
{
    /// <summary>Replicate.</summary>
    public const string Replicate = "replicate";

    /// <summary>core.today.</summary>
    public const string CoreToday = "core-today";

    /// <summary>Black Forest Labs.</summary>
    public const string Bfl = "bfl";

    /// <summary>Vtrix.</summary>
    public const string Vtrix = "vtrix";

    /// <summary>fal.ai.</summary>
    public const string Fal = "fal";

    /// <summary>Magnific (Freepik).</summary>
    public const string Magnific = "magnific";

    /// <summary>Lumenfall.</summary>
    public const string Lumenfall = "lumenfall";

    /// <summary>The built-in emulator.</summary>
    public const string Local = "local";
}
