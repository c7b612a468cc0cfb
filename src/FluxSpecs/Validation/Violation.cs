namespace FluxSpecs.Validation;

/// <summary>One rule a request breaks.</summary>
/// <param name="Parameter">The card's name of the parameter (<c>width</c>, <c>input_images</c>).</param>
/// <param name="Value">The offending value in invariant form, or null when the parameter is missing.</param>
/// <param name="Rule">The rule broken: one of <see cref="ViolationRules"/>.</param>
/// <param name="Message">A sentence naming the parameter, the value and the rule.</param>
/// <param name="Provider">The provider whose narrower rule this is, or null for the model's own rules.</param>
public sealed record Violation(string Parameter, string? Value, string Rule, string Message, string? Provider = null)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
