using System.ComponentModel;
using FluxSpecs.Images;
using FluxSpecs.Pricing;

namespace FluxSpecs.GeneratedCode;

/// <summary>A reference image as pricing sees it: a label and, when it could be measured, its size.</summary>
/// <param name="Label"><c>input_images[0]</c> …</param>
/// <param name="Size">Null when the size is unknown (a URL that was not downloaded).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record PricedImage(string Label, ImageSize? Size);
