using System.Diagnostics;

namespace FluxSpecs.Clients;

/// <summary>The <see cref="ActivitySource"/> of FluxSpecs: a span per job and per HTTP attempt.</summary>
public static class Telemetry
{
    /// <summary>The source name to listen to (<c>FluxSpecs</c>).</summary>
    public const string SourceName = "FluxSpecs";

    internal static readonly ActivitySource Source = new(SourceName);
}
