using System.Collections.Generic;
using FluxSpecs.Generator.Diagnostics;
using FluxSpecs.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>Collects the problems of one card, each with the card's file name as its first message argument.</summary>
    internal sealed class DiagnosticBag
    {
        /// <summary>A hostile or badly broken card could produce thousands of errors; the first ones are what a reader needs.</summary>
        public const int MaxDiagnostics = 100;

        /// <summary>The longest text quoted from the card in one message argument.</summary>
        public const int MaxArgumentLength = 300;

        private readonly List<CardDiagnostic> _items = new List<CardDiagnostic>();
        private readonly string _filePath;
        private readonly string _fileName;
        private readonly LineMap _lines;

        public DiagnosticBag(string filePath, string text)
        {
            _lines = new LineMap(text);
            _filePath = filePath;
            _fileName = System.IO.Path.GetFileName(filePath);
        }

        public bool HasErrors => _items.Count > 0;

        public IReadOnlyList<CardDiagnostic> Items => _items;

        public void Add(CardError id, SourceSpan span, params string[] arguments)
        {
            if (_items.Count >= MaxDiagnostics)
            {
                return;
            }

            var all = new string[arguments.Length + 1];
            all[0] = _fileName;
            for (var i = 0; i < arguments.Length; i++)
            {
                all[i + 1] = Shorten(arguments[i]);
            }

            _items.Add(new CardDiagnostic(id, _filePath, _lines.Normalize(span), new EquatableArray<string>(all)));
        }

        /// <summary><paramref name="span"/> clamped into the card, with the compiler's lines and columns.</summary>
        public SourceSpan Locate(SourceSpan span) => _lines.Normalize(span);

        public void Add(CardError id, YamlNode node, params string[] arguments) => Add(id, YamlSpans.Of(node), arguments);

        /// <summary>A card can hold a key or value megabytes long; a message quotes the start of it.</summary>
        private static string Shorten(string? argument)
        {
            if (argument is null)
            {
                return string.Empty;
            }

            return argument.Length <= MaxArgumentLength ? argument : argument.Substring(0, MaxArgumentLength - 3) + "...";
        }
    }
}
