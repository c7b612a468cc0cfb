using System.ComponentModel;
using System.Globalization;
using FluxSpecs.Images;
using FluxSpecs.Validation;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// Collects violations while generated validation code walks a request. A struct passed by reference, so validating a
/// valid request allocates nothing: lists are created on the first violation only.
/// </summary>
/// <remarks>Used by generated code; call the generated <c>Validate</c> methods instead of using it directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct RequestChecker
{
    private List<Violation>? _violations;
    private List<string>? _warnings;
    private string? _provider;

    /// <summary>From now on, violations are the named provider's (its narrower rules).</summary>
    public void ForProvider(string providerId) => _provider = providerId;

    /// <summary>The result so far.</summary>
    public readonly ValidationResult ToResult() =>
        _violations is null && _warnings is null ? ValidationResult.Valid : new ValidationResult(_violations ?? [], _warnings ?? []);

    /// <summary>A required string must be present and not blank.</summary>
    public void Required(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(parameter, value, ViolationRules.Required, $"{parameter} is required and must not be empty.");
        }
    }

    /// <summary>A required value of any other type must be present.</summary>
    public void Required<T>(string parameter, T? value)
        where T : class
    {
        if (value is null)
        {
            Add(parameter, null, ViolationRules.Required, $"{parameter} is required.");
        }
    }

    /// <summary>An inclusive range for an integer.</summary>
    public void Range(string parameter, long? value, long? min, long? max)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v < min)
        {
            Add(parameter, Text(v), ViolationRules.Min, $"{parameter} must be at least {Text(min.Value)}, but is {Text(v)}.");
        }
        else if (v > max)
        {
            Add(parameter, Text(v), ViolationRules.Max, $"{parameter} must be at most {Text(max.Value)}, but is {Text(v)}.");
        }
    }

    /// <summary>An inclusive range for a number.</summary>
    public void Range(string parameter, double? value, double? min, double? max)
    {
        if (value is not { } v)
        {
            return;
        }

        if (double.IsNaN(v) || v < min)
        {
            Add(parameter, Text(v), ViolationRules.Min, $"{parameter} must be at least {Text(min ?? double.NegativeInfinity)}, but is {Text(v)}.");
        }
        else if (v > max)
        {
            Add(parameter, Text(v), ViolationRules.Max, $"{parameter} must be at most {Text(max.Value)}, but is {Text(v)}.");
        }
    }

    /// <summary>An integer must be a multiple of <paramref name="step"/>; the message says what the provider does instead.</summary>
    public void MultipleOf(string parameter, long? value, long step, Rounding rounding)
    {
        if (value is not { } v || v % step == 0)
        {
            return;
        }

        var outcome = rounding == Rounding.Reject
            ? "the provider rejects it"
            : $"the provider would use {Text(RoundingRules.Round(v, step, rounding))}";
        Add(parameter, Text(v), ViolationRules.MultipleOf, $"{parameter} must be a multiple of {Text(step)}, but is {Text(v)} ({outcome}).");
    }

    /// <summary>
    /// A pixel budget: <paramref name="width"/> × <paramref name="height"/> at most <paramref name="maxPixels"/>, checked
    /// when both are set; the violation names both parameters, the values, the product and the rule.
    /// </summary>
    public void PixelBudget(string widthName, long? width, string heightName, long? height, long maxPixels)
    {
        if (width is not { } w || height is not { } h || (decimal)w * h <= maxPixels)
        {
            return;
        }

        var product = ((decimal)w * h).ToString(CultureInfo.InvariantCulture);
        Add(
            $"{widthName}×{heightName}",
            $"{Text(w)}×{Text(h)}",
            ViolationRules.MaxPixels,
            $"{widthName} × {heightName} must be at most {Text(maxPixels)} pixels ({Megapixels(maxPixels)} MP), but {Text(w)} × {Text(h)} is {product}.");
    }

    /// <summary>Length limits of a string, in UTF-16 code units.</summary>
    public void Length(string parameter, string? value, int? min, int? max)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length < min)
        {
            Add(parameter, Shorten(value), ViolationRules.MinLength, $"{parameter} must be at least {Text(min.Value)} characters long, but has {Text(value.Length)}.");
        }
        else if (value.Length > max)
        {
            Add(parameter, Shorten(value), ViolationRules.MaxLength, $"{parameter} must be at most {Text(max.Value)} characters long, but has {Text(value.Length)}.");
        }
    }

    /// <summary>A list may hold at most <paramref name="max"/> items.</summary>
    public void Count<T>(string parameter, IReadOnlyCollection<T>? value, int max)
    {
        if (value is not null && value.Count > max)
        {
            Add(parameter, Text(value.Count), ViolationRules.MaxItems, $"{parameter} may hold at most {Text(max)} items, but holds {Text(value.Count)}.");
        }
    }

    /// <summary>
    /// Every image whose format is known must be one of <paramref name="allowed"/>; images given as bytes must be the
    /// image they claim (files are checked when the payload is made, which reads them).
    /// </summary>
    public void Formats(string parameter, IReadOnlyList<ImageInput>? images, params ReadOnlySpan<ImageFormat> allowed)
    {
        if (images is null)
        {
            return;
        }

        for (var i = 0; i < images.Count; i++)
        {
            // What the bytes are does not depend on the provider: reported once, with the model's rules.
            if (_provider is null && images[i] is { Kind: ImageSourceKind.Bytes } bytes && ImageContent.Problem(bytes.DeclaredFormat, bytes.Data.Span, bytes.Data.Length) is { } problem)
            {
                var rule = bytes.Data.Length > ImageContent.MaxBytes ? ViolationRules.MaxBytes : ViolationRules.Content;
                Add($"{parameter}[{Text(i)}]", bytes.ToString(), rule, $"{parameter}[{Text(i)}] {problem} ({bytes}).");
                continue;
            }

            if (images[i] is { Kind: ImageSourceKind.Bytes } reported && _provider is not null && ImageContent.Problem(reported.DeclaredFormat, reported.Data.Span, reported.Data.Length) is not null)
            {
                continue;
            }

            if (images[i] is { Format: { } format } && !allowed.Contains(format))
            {
                var names = new List<string>();
                foreach (var a in allowed)
                {
                    names.Add(a.ToWireName());
                }

                Add(
                    $"{parameter}[{Text(i)}]",
                    format.ToWireName(),
                    ViolationRules.Format,
                    $"{parameter}[{Text(i)}] must be {string.Join(", ", names)}, but is {format.ToWireName()} ({images[i]}).");
            }
        }
    }

    /// <summary>A value the provider does not accept (an enum value outside the provider's list).</summary>
    public void NotAllowed(string parameter, string value, string allowedValues) =>
        Add(parameter, value, ViolationRules.Values, $"{parameter} must be one of {allowedValues}, but is {value}.");

    /// <summary>
    /// A parameter that is set while another parameter's value makes it meaningless (<c>applies_when</c>) or excludes it
    /// (<c>applies_unless</c>).
    /// </summary>
    /// <param name="parameter">The parameter that is set.</param>
    /// <param name="value">Its value.</param>
    /// <param name="condition">The parameter it depends on.</param>
    /// <param name="conditionValue">That parameter's effective value, or null when it is not set.</param>
    /// <param name="values">The values of <paramref name="condition"/> the rule names.</param>
    /// <param name="negated">True for <c>applies_unless</c>.</param>
    public void NotApplicable(string parameter, string value, string condition, string? conditionValue, string values, bool negated)
    {
        var actual = conditionValue is null ? $"{condition} is not set" : $"{condition} is {conditionValue}";
        Add(
            parameter,
            value,
            negated ? ViolationRules.AppliesUnless : ViolationRules.AppliesWhen,
            negated
                ? $"{parameter} does not apply when {condition} is {values}, and {actual}."
                : $"{parameter} only applies when {condition} is {values}, but {actual}.");
    }

    /// <summary>A parameter the provider lacks: a violation, or when the card says so, a warning that it is dropped.</summary>
    public void Unsupported(string parameter, string value, bool drop)
    {
        if (drop)
        {
            Warn($"{_provider} does not accept {parameter}; it will not be sent.");
        }
        else
        {
            Add(parameter, value, ViolationRules.Unsupported, $"{parameter} is not accepted by this provider.");
        }
    }

    /// <summary>Something the caller should know that does not make the request invalid.</summary>
    public void Warn(string warning) => (_warnings ??= []).Add(warning);

    /// <summary>The request was checked against a provider that does not offer the model.</summary>
    public void UnknownProvider(string modelId, string providerId, string knownProviders) =>
        (_violations ??= []).Add(new Violation(
            "provider",
            providerId,
            ViolationRules.Provider,
            $"{modelId} is not offered by '{providerId}'; it is offered by: {knownProviders}.",
            providerId));

    private void Add(string parameter, string? value, string rule, string message) =>
        (_violations ??= []).Add(new Violation(parameter, value, rule, _provider is null ? message : $"{_provider}: {message}", _provider));

    /// <summary>Formats a value the way messages and <see cref="Violation.Value"/> show it.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Text(long)"/>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Text(long)"/>
    public static string Text(bool value) => value ? "true" : "false";

    /// <summary>Pixels as megapixels of 1024 × 1024, to two decimals at most (4194304 → 4).</summary>
    private static string Megapixels(long pixels) => Math.Round(pixels / 1048576m, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 37), "...");
}
