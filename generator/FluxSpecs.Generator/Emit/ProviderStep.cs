using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>One thing a provider method writes: a parameter (model or provider-only) or a combination.</summary>
    internal sealed class ProviderStep
    {
        public ProviderStep(ParameterSpec parameter, ParameterMapping? mapping, string access, bool extra)
        {
            Parameter = parameter;
            IsExtra = extra;
            Mapping = mapping;
            Access = access;
            Field = mapping?.Field ?? parameter.Field ?? parameter.Name;
        }

        public ProviderStep(Combination combination)
        {
            Combination = combination;
            Access = string.Empty;
            Field = string.Empty;
        }

        public ParameterSpec? Parameter { get; }

        public ParameterMapping? Mapping { get; }

        public Combination? Combination { get; }

        /// <summary>A provider-only parameter (the card's <c>extra</c>).</summary>
        public bool IsExtra { get; }

        /// <summary>The C# expression that reads the value (<c>Seed</c>, <c>Bfl?.WebhookUrl</c>).</summary>
        public string Access { get; }

        /// <summary>The provider's field name.</summary>
        public string Field { get; }
    }
}
