using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using FluxSpecs.Generator.Diagnostics;
using FluxSpecs.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>Reads one card file: YAML → shape check → binding. Never throws; every failure is a diagnostic.</summary>
    internal static class CardParser
    {
        private static readonly Regex PositionPrefix = new Regex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

        /// <param name="filePath">The card's path, for diagnostics.</param>
        /// <param name="text">The card's YAML.</param>
        /// <param name="cancellationToken">Stops the parse.</param>
        /// <param name="providerIds">The providers a card may name: the runtime's and the project's own.</param>
        public static ParsedCard Parse(string filePath, string text, CancellationToken cancellationToken = default, IReadOnlyCollection<string>? providerIds = null)
        {
            var diagnostics = new DiagnosticBag(filePath, text);
            ModelCard? card = null;
            var idSpan = SourceSpan.Empty;
            try
            {
                var root = Load(text, diagnostics);
                cancellationToken.ThrowIfCancellationRequested();
                if (root is not null && new CardShapeChecker(diagnostics).Check(root) && root is YamlMappingNode mapping)
                {
                    var id = new YamlMap(mapping).Get("id");
                    idSpan = diagnostics.Locate(id is null ? YamlSpans.Of(mapping) : YamlSpans.Of(id));
                    card = new CardBinder(diagnostics, providerIds ?? Array.Empty<string>()).Bind(mapping);
                }
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                // A bug of ours must not become CS8785 in the user's build: say so, at the card, and emit nothing.
                diagnostics.Add(CardError.CardUnreadable, SourceSpan.Empty, e.GetType().Name + ": " + e.Message);
            }

            return new ParsedCard(filePath, diagnostics.HasErrors ? null : card, idSpan, new EquatableArray<CardDiagnostic>(diagnostics.Items));
        }

        private static YamlNode? Load(string text, DiagnosticBag diagnostics)
        {
            if (!YamlStructureGuard.Check(text, diagnostics))
            {
                return null;
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                var message = PositionPrefix.Replace(e.Message, string.Empty).TrimEnd('.');
                var span = YamlSpans.OfError(e.Start, e.End, text.Length);
                if (message.IndexOf(" tab", StringComparison.Ordinal) >= 0)
                {
                    // YamlDotNet sometimes places a tab error at the start of the enclosing mapping; the tab is what
                    // the reader has to find.
                    span = FirstIndentingTab(text, span);
                    message += " (YAML indents with spaces, never tabs)";
                }

                var id = message.StartsWith("Duplicate key", StringComparison.Ordinal) ? CardError.DuplicateName : CardError.MalformedYaml;
                if (id == CardError.DuplicateName)
                {
                    var keySpan = YamlSpans.Of(e.Start, e.End);
                    diagnostics.Add(id, keySpan, "the key", KeyAt(text, keySpan));
                }
                else
                {
                    diagnostics.Add(id, span, message);
                }

                return null;
            }

            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // YamlDotNet's node model throws other exceptions on some input its parser let through; the structure
                // guard refuses the ones we know, this keeps any other from reading as an internal error.
                diagnostics.Add(CardError.MalformedYaml, SourceSpan.Empty, "the YAML parser could not read the card (" + e.GetType().Name + ": " + e.Message + ")");
                return null;
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                diagnostics.Add(CardError.MalformedYaml, SourceSpan.Empty, "the file is empty; a card is a YAML mapping with at least 'id', 'name' and 'parameters'");
                return null;
            }

            if (stream.Documents.Count > 1)
            {
                diagnostics.Add(CardError.MalformedYaml, YamlSpans.Of(stream.Documents[1].RootNode), "a card file holds one YAML document, this one has " + stream.Documents.Count);
                return null;
            }

            return stream.Documents[0].RootNode;
        }

        /// <summary>The first tab in a line's indentation at or after <paramref name="from"/>'s line, or <paramref name="from"/>.</summary>
        private static SourceSpan FirstIndentingTab(string text, SourceSpan from)
        {
            var line = 0;
            var atLineStart = true;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\n')
                {
                    line++;
                    atLineStart = true;
                    continue;
                }

                if (atLineStart && c == '\t' && line >= from.StartLine)
                {
                    var column = i - (text.LastIndexOf('\n', i) + 1);
                    return new SourceSpan(i, 1, line, column, line, column + 1);
                }

                atLineStart &= c == ' ';
            }

            return from;
        }

        private static string KeyAt(string text, SourceSpan span)
        {
            var end = span.Start;
            while (end < text.Length && text[end] != ':' && text[end] != '\n')
            {
                end++;
            }

            return span.Start >= text.Length ? string.Empty : text.Substring(span.Start, end - span.Start).Trim();
        }
    }
}
