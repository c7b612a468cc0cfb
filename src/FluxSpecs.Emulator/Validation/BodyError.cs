namespace FluxSpecs.Emulator.Validation;

/// <summary>One rule a provider body breaks, as the emulator reports it.</summary>
/// <param name="Field">The field as sent, with its path (<c>input.width</c>, <c>image_size.height</c>, <c>input_image_9</c>).</param>
/// <param name="Parameter">The card's parameter behind the field (<c>width</c>, <c>input_images</c>), or the field itself when the card has none.</param>
/// <param name="Rule">The rule: a <see cref="FluxSpecs.Validation.ViolationRules"/> name, or <c>type</c> or <c>unknown</c>.</param>
/// <param name="Message">A sentence naming the field, the value and the rule.</param>
internal sealed record BodyError(string Field, string Parameter, string Rule, string Message)
{
    /// <summary>A field of the wrong JSON type.</summary>
    public const string TypeRule = "type";

    /// <summary>A field the card does not know for this provider.</summary>
    public const string UnknownRule = "unknown";

    /// <summary>
    /// A field the provider does not know (not in the card, or listed by it as unsupported): the provider ignores it,
    /// so the emulator refuses it only when strict.
    /// </summary>
    public bool IsUnknownField => Rule is UnknownRule or FluxSpecs.Validation.ViolationRules.Unsupported;

    /// <inheritdoc />
    public override string ToString() => Message;
}
