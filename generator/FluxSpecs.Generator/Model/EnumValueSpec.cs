namespace FluxSpecs.Generator.Model
{
    /// <summary>One allowed value of an enum parameter: the wire string, its C# member name and its doc text.</summary>
    internal sealed record EnumValueSpec(string Value, string MemberName, string? Description);
}
