namespace FluxSpecs.Emulator.Validation;

/// <summary>What a field of a provider's body holds.</summary>
internal enum WireKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>A whole number (or, with <see cref="WireField.IntegerAsString"/>, a string holding one).</summary>
    Integer,

    /// <summary>A number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>One of a list of strings.</summary>
    Enum,

    /// <summary>An array of strings from a list.</summary>
    EnumList,

    /// <summary>One image (an indexed field such as <c>input_image_2</c>).</summary>
    Image,

    /// <summary>An array of images (<c>input_images</c>, <c>image_urls</c>).</summary>
    ImageArray,

    /// <summary>Images sent as multipart file parts.</summary>
    ImageFiles,

    /// <summary>A pixel size as one string: <c>WxH</c> (also <c>W:H</c> and <c>auto</c>, as Lumenfall takes them).</summary>
    SizeString,

    /// <summary>fal's <c>image_size</c>: a preset name or <c>{width, height}</c>.</summary>
    FalImageSize,

    /// <summary>A side in pixels written by a size conversion.</summary>
    Pixels,

    /// <summary>Anything (a conversion the emulator does not know).</summary>
    Any,
}
