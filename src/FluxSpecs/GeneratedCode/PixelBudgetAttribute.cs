using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// A card's pixel budget on a generated request type: the two parameters whose product is limited and the limit; with
/// <see cref="Provider"/>, that provider's narrower budget. The FluxSpecs analyzer reads it. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class PixelBudgetAttribute(string width, string height, long maxPixels) : Attribute
{
    /// <summary>The card name of the width parameter.</summary>
    public string Width { get; } = width;

    /// <summary>The card name of the height parameter.</summary>
    public string Height { get; } = height;

    /// <summary>The most pixels (width × height).</summary>
    public long MaxPixels { get; } = maxPixels;

    /// <summary>The provider whose budget this is, or null for the model's.</summary>
    public string? Provider { get; set; }
}
