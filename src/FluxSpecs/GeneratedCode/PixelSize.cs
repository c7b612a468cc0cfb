using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The width and height a size conversion writes. A side is null when it is not sent: both are null when the size is
/// left to the provider, and one may be null when a custom size gives only the other.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct PixelSize(long? Width, long? Height)
{
    /// <summary>Nothing to send.</summary>
    public static PixelSize None => default;
}
