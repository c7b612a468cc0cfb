using System.Collections.Concurrent;
using FluxSpecs.Generator.Cards;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>
    /// Parses each embedded card once per process. Cards are small and few; the cache is keyed by the YAML text itself,
    /// so an edited card is simply a new entry.
    /// </summary>
    internal static class CardCache
    {
        private const int Capacity = 256;
        private static readonly ConcurrentDictionary<string, ModelCard?> Cards = new ConcurrentDictionary<string, ModelCard?>();

        public static ModelCard? Get(string yaml)
        {
            if (Cards.TryGetValue(yaml, out var card))
            {
                return card;
            }

            if (Cards.Count >= Capacity)
            {
                Cards.Clear();
            }

            return Cards.GetOrAdd(yaml, text => CardParser.Parse("embedded.model.yaml", text).Card);
        }
    }
}
