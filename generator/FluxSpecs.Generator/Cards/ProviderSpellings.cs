using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// A provider's value map read backwards: a provider's wire value (<c>jpg</c>) becomes an alias of the model value it
    /// stands for (<c>jpeg</c>), so a request written in that provider's spelling is accepted and normalised. A spelling
    /// is an alias only when it is unambiguous across the card: it is not itself a value of the parameter, and every
    /// provider that uses it maps the same model value to it. A spelling two model values share (Lumenfall's <c>auto</c>,
    /// if two values were mapped to it) is simply not an alias — the card is valid, the spelling is not accepted as input.
    /// </summary>
    internal static class ProviderSpellings
    {
        public static ParameterSpec WithAliases(ParameterSpec parameter, IEnumerable<ProviderSpec> providers)
        {
            if (parameter.Kind is not (ParameterKind.Enum or ParameterKind.EnumList))
            {
                return parameter;
            }

            var modelValues = new HashSet<string>(parameter.Values.Select(v => v.Value));
            var meanings = new Dictionary<string, HashSet<string>>();
            var order = new List<string>();
            foreach (var mapping in providers.SelectMany(p => p.Parameters).Where(m => m.Parameter == parameter.Name))
            {
                foreach (var value in mapping.Values)
                {
                    if (value.WireValue is not { } wire || modelValues.Contains(wire))
                    {
                        continue;
                    }

                    if (!meanings.TryGetValue(wire, out var meaning))
                    {
                        meanings[wire] = meaning = new HashSet<string>();
                        order.Add(wire);
                    }

                    meaning.Add(value.ModelValue);
                }
            }

            var aliases = order.Where(wire => meanings[wire].Count == 1).ToList();
            if (aliases.Count == 0)
            {
                return parameter;
            }

            var values = parameter.Values
                .Select(v => v with { Aliases = aliases.Where(wire => meanings[wire].Contains(v.Value)).ToEquatableArray() })
                .ToEquatableArray();
            return parameter with { Values = values };
        }
    }
}
