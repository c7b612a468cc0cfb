using System.Collections.Generic;
using FluxSpecs.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>Collects the problems of one card, each with the card's file name as its first message argument.</summary>
    internal sealed class DiagnosticBag
    {
        /// <summary>A hostile or badly broken card could produce thousands of errors; the first ones are what a reader needs.</summary>
        public const int MaxDiagnostics = 100;

        private readonly List<CardDiagnostic> _items = new List<CardDiagnostic>();
        private readonly string _filePath;
        private readonly string _fileName;

        public DiagnosticBag(string filePath)
        {
            _filePath = filePath;
            _fileName = System.IO.Path.GetFileName(filePath);
        }

        public bool HasErrors => _items.Count > 0;

        public IReadOnlyList<CardDiagnostic> Items => _items;

        public void Add(string id, SourceSpan span, params string[] arguments)
        {
            if (_items.Count >= MaxDiagnostics)
            {
                return;
            }

            var all = new string[arguments.Length + 1];
            all[0] = _fileName;
            arguments.CopyTo(all, 1);
            _items.Add(new CardDiagnostic(id, _filePath, span, new EquatableArray<string>(all)));
        }

        public void Add(string id, YamlNode node, params string[] arguments) => Add(id, YamlSpans.Of(node), arguments);
    }
}
