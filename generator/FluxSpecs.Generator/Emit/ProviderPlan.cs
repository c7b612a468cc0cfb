using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// What one provider's methods write, in order, worked out from the card once; the mapper writes it and the descriptor
    /// carries it as the provider's body plan.
    /// </summary>
    internal sealed class ProviderPlan
    {
        public ProviderPlan(EmitSpec spec, ProviderSpec provider)
        {
            Spec = spec;
            Provider = provider;
            // The image count is sent only where the provider has a field for it; elsewhere the runtime starts that many jobs.
            var sent = spec.Card.Parameters
                .Where(p => !provider.Unsupported.Contains(p.Name))
                .Where(p => p.Name != ImageCount.ParameterName || provider.ImageCountField is not null)
                .ToList();
            AllImages = sent.Where(p => p.Kind == ParameterKind.ImageList).ToList();
            FileImages = AllImages.Where(p => Mapping(p)?.Images?.Encoding == ImageEncoding.File).ToList();

            var input = new List<ProviderStep>();
            var written = new HashSet<Combination>();
            foreach (var parameter in sent)
            {
                var combinations = provider.Combine.Where(c => c.From.Contains(parameter.Name)).ToList();
                if (combinations.Count == 0)
                {
                    input.Add(new ProviderStep(parameter, Mapping(parameter), parameter.PropertyName, extra: false));
                }

                input.AddRange(combinations.Where(written.Add).Select(c => new ProviderStep(c)));
            }

            input.AddRange(provider.Extra.Where(p => !p.TopLevel).Select(Extra));
            InputSteps = input;
            TopLevelSteps = provider.Extra.Where(p => p.TopLevel).Select(Extra).ToList();
            Renamed = input.Where(IsRenamed).ToList();
            UnsupportedSteps = spec.Card.Parameters.Where(p => provider.Unsupported.Contains(p.Name))
                .Select(p => new ProviderStep(p, Mapping(p), p.PropertyName, extra: false)).ToList();
        }

        public EmitSpec Spec { get; }

        public ProviderSpec Provider { get; }

        public IReadOnlyList<ParameterSpec> AllImages { get; }

        /// <summary>Image lists the provider takes as multipart files.</summary>
        public IReadOnlyList<ParameterSpec> FileImages { get; }

        public IReadOnlyList<ProviderStep> InputSteps { get; }

        public IReadOnlyList<ProviderStep> TopLevelSteps { get; }

        /// <summary>Model parameters the provider does not accept: never written, listed for the body plan.</summary>
        public IReadOnlyList<ProviderStep> UnsupportedSteps { get; }

        /// <summary>Enum parameters whose provider wire strings differ from the model's: each gets a rename method.</summary>
        public IReadOnlyList<ProviderStep> Renamed { get; }

        private ParameterMapping? Mapping(ParameterSpec parameter) => Provider.Parameters.FirstOrDefault(m => m.Parameter == parameter.Name);

        private ProviderStep Extra(ParameterSpec parameter) => new ProviderStep(parameter, null, Provider.PropertyName + "?." + parameter.PropertyName, extra: true);

        private static bool IsRenamed(ProviderStep step) =>
            step.Mapping is { } mapping
            && step.Parameter!.Kind is ParameterKind.Enum or ParameterKind.EnumList
            && mapping.Values.Any(v => v.WireValue is not null && v.WireValue != v.ModelValue);
    }
}
