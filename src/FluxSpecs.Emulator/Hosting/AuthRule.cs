namespace FluxSpecs.Emulator.Hosting;

/// <summary>One way a provider takes its key: a header, with a scheme (<c>Bearer</c>, <c>Key</c>) or the raw key.</summary>
/// <param name="Header">The header name.</param>
/// <param name="Scheme">The scheme before the key, or null when the header holds the key itself.</param>
internal sealed record AuthRule(string Header, string? Scheme = null)
{
    public override string ToString() => Scheme is null ? $"{Header}: <key>" : $"{Header}: {Scheme} <key>";
}
