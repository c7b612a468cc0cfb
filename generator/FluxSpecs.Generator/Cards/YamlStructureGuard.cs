using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using FluxSpecs.Generator.Diagnostics;
using FluxSpecs.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FluxSpecs.Generator.Cards
{
    /// <summary>
    /// Reads a card's YAML as a stream of events, before it is loaded into YamlDotNet's node model, and refuses the
    /// shapes that would take the generator (and so the compiler) down there.
    /// </summary>
    /// <remarks>
    /// YamlDotNet's parser works without recursion, but its node model does not: loading nests one call per level, so
    /// <c>[[[[…]]]]</c> a few thousand levels deep overflows the stack and kills the compiler process (no diagnostic can
    /// be reported after a stack overflow). A mapping key is hashed recursively too, so a key that is a list containing
    /// itself (<c>? &amp;k [*k]</c>) recurses for ever, and a key that is an alias bomb hashes every path through it.
    /// Real cards nest about six levels and use plain keys. Everything else the parser reports (syntax errors) is left
    /// to the load, which reports it with its position.
    /// </remarks>
    internal static class YamlStructureGuard
    {
        /// <summary>Far more than any card needs (about six), far less than what overflows a thread's stack.</summary>
        public const int MaxDepth = 64;

        /// <summary>Parser events (about one per node); the shipped cards have under 2,000.</summary>
        public const int MaxEvents = 200000;

        /// <summary>Returns true when the text may be loaded; otherwise reports why not and returns false.</summary>
        public static bool Check(string text, DiagnosticBag diagnostics)
        {
            var parser = new Parser(new StringReader(text));
            var frames = new Stack<Frame>();
            var openAnchors = new Dictionary<string, int>(System.StringComparer.Ordinal);
            var collectionAnchors = new HashSet<string>(System.StringComparer.Ordinal);
            var events = 0;
            ParsingEvent? last = null;
            try
            {
                while (parser.MoveNext())
                {
                    var current = parser.Current;
                    if (current is null)
                    {
                        continue;
                    }

                    if (!(current is SequenceEnd) && !(current is MappingEnd))
                    {
                        last = current;
                    }

                    if (++events > MaxEvents)
                    {
                        return Refuse(diagnostics, current, "the card has more than " + MaxEvents.ToString(CultureInfo.InvariantCulture) + " YAML nodes");
                    }

                    var atKey = frames.Count > 0 && frames.Peek().IsMapping && frames.Peek().ExpectsKey;
                    switch (current)
                    {
                        case AnchorAlias alias:
                            var name = alias.Value.Value;
                            if (openAnchors.ContainsKey(name))
                            {
                                return Refuse(diagnostics, current, "the alias '*" + name + "' refers to a node that contains it");
                            }

                            if (atKey && collectionAnchors.Contains(name))
                            {
                                return Refuse(diagnostics, current, "a key is an alias of a list or a mapping (card keys are plain names)");
                            }

                            Completed(frames);
                            break;
                        case Scalar scalar:
                            if (!scalar.Anchor.IsEmpty)
                            {
                                collectionAnchors.Remove(scalar.Anchor.Value);
                            }

                            Completed(frames);
                            break;
                        case NodeEvent start when start is SequenceStart || start is MappingStart:
                            if (atKey)
                            {
                                return Refuse(diagnostics, current, "a key is a list or a mapping (card keys are plain names)");
                            }

                            if (frames.Count >= MaxDepth)
                            {
                                return Refuse(diagnostics, current, "the YAML nests more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep");
                            }

                            var anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
                            if (anchor is not null)
                            {
                                openAnchors[anchor] = openAnchors.TryGetValue(anchor, out var count) ? count + 1 : 1;
                            }

                            frames.Push(new Frame(start is MappingStart, anchor));
                            break;
                        case SequenceEnd _:
                        case MappingEnd _:
                            if (frames.Count > 0)
                            {
                                if (frames.Peek().IsMapping && !frames.Peek().ExpectsKey)
                                {
                                    // YamlDotNet's parser reads "a:\n  : b" as a mapping holding a lone "b", which its
                                    // node model then throws on (ArgumentException).
                                    diagnostics.Add(CardError.MalformedYaml, last is null ? SourceSpan.Empty : YamlSpans.Of(last.Start, last.End), "a value has no key (a line starts with ': ')");
                                    return false;
                                }

                                var closed = frames.Pop();
                                if (closed.Anchor is { } closedAnchor)
                                {
                                    if (--openAnchors[closedAnchor] == 0)
                                    {
                                        openAnchors.Remove(closedAnchor);
                                    }

                                    collectionAnchors.Add(closedAnchor);
                                }
                            }

                            Completed(frames);
                            break;
                    }
                }
            }
            catch (YamlException)
            {
                // A syntax error: loading the text stops at the same place and reports it there.
                return true;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // YamlDotNet's scanner fails on some malformed input with an exception of its own state
                // (InvalidOperationException, for an unclosed flow collection followed by block content): the text is
                // broken past the last node it read.
                var at = last is null ? new SourceSpan(0, 0, 0, 0, 0, 0) : YamlSpans.Of(last.End, last.End);
                diagnostics.Add(CardError.MalformedYaml, at, "the YAML parser could not read past this point (" + e.GetType().Name + "); check the brackets, quotes and indentation that follow");
                return false;
            }

            return true;
        }

        /// <summary>A node ended inside the enclosing collection: in a mapping, keys and values take turns.</summary>
        private static void Completed(Stack<Frame> frames)
        {
            if (frames.Count > 0 && frames.Peek().IsMapping)
            {
                frames.Peek().ExpectsKey = !frames.Peek().ExpectsKey;
            }
        }

        private static bool Refuse(DiagnosticBag diagnostics, ParsingEvent at, string why)
        {
            diagnostics.Add(CardError.CardTooComplex, YamlSpans.Of(at.Start, at.End), why);
            return false;
        }

        private sealed class Frame
        {
            public Frame(bool isMapping, string? anchor)
            {
                IsMapping = isMapping;
                Anchor = anchor;
            }

            public bool IsMapping { get; }

            public string? Anchor { get; }

            public bool ExpectsKey { get; set; } = true;
        }
    }
}
