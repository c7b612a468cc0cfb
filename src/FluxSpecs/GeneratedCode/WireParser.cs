using System.ComponentModel;

namespace FluxSpecs.GeneratedCode;

/// <summary>A generated enum's parser from the value a card and a provider spell (<c>"16:9"</c> → <c>Landscape16x9</c>).</summary>
/// <typeparam name="T">The enum.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate bool WireParser<T>(string? wireValue, out T value);
