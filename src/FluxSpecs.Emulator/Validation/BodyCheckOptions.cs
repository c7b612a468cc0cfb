namespace FluxSpecs.Emulator.Validation;

/// <summary>How one JSON object of a provider's body is checked against a <see cref="WireSchema"/>.</summary>
internal sealed record BodyCheckOptions
{
    /// <summary>The path of the object, for messages (<c>input.</c> for Replicate's input).</summary>
    public string Path { get; init; } = "";

    /// <summary>Which of the schema's fields belong in this object (the rest live elsewhere in the envelope).</summary>
    public Func<WireField, bool> Include { get; init; } = static _ => true;

    /// <summary>Protocol fields of the provider (<c>model</c>, <c>input</c>, <c>webhook</c> …) that are not card fields.</summary>
    public IReadOnlySet<string> Envelope { get; init; } = new HashSet<string>();

    /// <summary>Values come from a multipart form: numbers and booleans arrive as strings.</summary>
    public bool FormValues { get; init; }
}
