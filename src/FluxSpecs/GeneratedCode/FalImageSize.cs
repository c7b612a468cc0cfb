using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace FluxSpecs.GeneratedCode;

/// <summary>fal's <c>image_size</c>: a preset name (<c>landscape_16_9</c>) or an explicit <c>{"width", "height"}</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct FalImageSize
{
    private FalImageSize(string? preset, long width, long height)
    {
        Preset = preset;
        Width = width;
        Height = height;
    }

    /// <summary>The preset name, or null for an explicit size.</summary>
    public string? Preset { get; }

    /// <summary>The explicit width (0 with a preset).</summary>
    public long Width { get; }

    /// <summary>The explicit height (0 with a preset).</summary>
    public long Height { get; }

    /// <summary>A preset such as <c>square_hd</c>.</summary>
    public static FalImageSize OfPreset(string preset)
    {
        ArgumentException.ThrowIfNullOrEmpty(preset);
        return new FalImageSize(preset, 0, 0);
    }

    /// <summary>An explicit size.</summary>
    public static FalImageSize OfSize(long width, long height) => new(null, width, height);

    /// <summary>Writes <c>"field": "preset"</c> or <c>"field": {"width": w, "height": h}</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer, string field)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Preset is not null)
        {
            writer.WriteString(field, Preset);
            return;
        }

        writer.WriteStartObject(field);
        writer.WriteNumber("width", Width);
        writer.WriteNumber("height", Height);
        writer.WriteEndObject();
    }

    /// <summary>The preset name, or <c>WxH</c>.</summary>
    public override string ToString() => Preset ?? string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
