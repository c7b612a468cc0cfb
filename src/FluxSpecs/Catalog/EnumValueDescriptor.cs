namespace FluxSpecs.Catalog;

/// <summary>One allowed value of an enum parameter: its wire string, its C# member name and its description.</summary>
public sealed record EnumValueDescriptor(string Value, string MemberName, string? Description = null)
{
    /// <summary>
    /// Providers' own spellings of the value that are accepted for it and normalised to <see cref="Value"/> (Replicate's
    /// <c>jpg</c> for <c>jpeg</c>): the card's value maps read backwards, where a spelling names this value alone.
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Whether <paramref name="spelling"/> is this value or one of its <see cref="Aliases"/>.</summary>
    public bool Accepts(string spelling) => Value == spelling || Aliases.Contains(spelling);
}
