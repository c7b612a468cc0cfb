using System.ComponentModel;
using System.Globalization;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// The card conversion <c>to_string</c>: a number or boolean sent as a JSON string, in the invariant culture
/// (<c>2</c> → <c>"2"</c>, as fal and Vtrix want <c>safety_tolerance</c>). Also how multipart text parts show values.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToStringConversion
{
    /// <summary><c>42</c> → <c>"42"</c>.</summary>
    public static string Convert(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>2.5</c> → <c>"2.5"</c>: the shortest text that reads back as the same double.</summary>
    public static string Convert(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>true</c> → <c>"true"</c>.</summary>
    public static string Convert(bool value) => value ? "true" : "false";
}
