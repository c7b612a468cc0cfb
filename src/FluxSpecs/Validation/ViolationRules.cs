namespace FluxSpecs.Validation;

/// <summary>The names of the rules a <see cref="Violation"/> can report, as in the model cards.</summary>
public static class ViolationRules
{
    /// <summary>A required parameter is missing or empty.</summary>
    public const string Required = "required";

    /// <summary>A number is below the minimum.</summary>
    public const string Min = "min";

    /// <summary>A number is above the maximum.</summary>
    public const string Max = "max";

    /// <summary>Width × height is more pixels than the card's pixel budget allows.</summary>
    public const string MaxPixels = "max_pixels";

    /// <summary>An integer is not a multiple of the step.</summary>
    public const string MultipleOf = "multiple_of";

    /// <summary>A string is too short.</summary>
    public const string MinLength = "min_length";

    /// <summary>A string is too long.</summary>
    public const string MaxLength = "max_length";

    /// <summary>A list has too many items.</summary>
    public const string MaxItems = "max_items";

    /// <summary>An image is in a format that is not allowed.</summary>
    public const string Format = "formats";

    /// <summary>A value is not among those the provider accepts.</summary>
    public const string Values = "values";

    /// <summary>A parameter is set while another parameter's value makes it meaningless.</summary>
    public const string AppliesWhen = "applies_when";

    /// <summary>A parameter is set while another parameter's value excludes it.</summary>
    public const string AppliesUnless = "applies_unless";

    /// <summary>The provider does not accept this parameter.</summary>
    public const string Unsupported = "unsupported";

    /// <summary>An image's bytes are not an image, or not the format it claims (its media type or file extension).</summary>
    public const string Content = "content";

    /// <summary>An image file cannot be read: it does not exist, is not a file, or access is denied.</summary>
    public const string Readable = "readable";

    /// <summary>An image is larger than a reference image may be.</summary>
    public const string MaxBytes = "max_bytes";

    /// <summary>The provider does not offer this model.</summary>
    public const string Provider = "provider";
}
