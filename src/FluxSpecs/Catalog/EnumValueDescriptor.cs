namespace FluxSpecs.Catalog;

/// <summary>One allowed value of an enum parameter: its wire string, its C# member name and its description.</summary>
public sealed record EnumValueDescriptor(string Value, string MemberName, string? Description = null);
