using System.Globalization;
using System.Text;

namespace FluxSpecs.Generator.Tests.Fuzzing;

/// <summary>One broken card: how it was made (to reproduce it) and its bytes as they would sit on disk.</summary>
public sealed record FuzzCase(int Index, string Recipe, byte[] Bytes);

/// <summary>
/// Derives broken cards from real ones, deterministically: case <c>i</c> of seed <c>s</c> is always the same card, so a
/// failure is reproduced with <c>FLUXSPECS_FUZZ_SEED=s</c> and <c>FLUXSPECS_FUZZ_FROM=i</c>. Each case applies one to
/// three mutations to a real card (keys deleted, duplicated or renamed, values of the wrong type, hostile numbers and
/// strings, indentation and line-ending damage, anchors, aliases and bombs, deep nesting, truncation), or is one of a
/// family of degenerate files (empty, only a BOM, only comments, several documents). Byte-level damage (invalid UTF-8,
/// BOMs) is applied last, to the encoded text.
/// </summary>
public sealed class CardMutator
{
    /// <summary>Values put in place of a real one: wrong types, numbers at and past every limit, YAML oddities.</summary>
    private static readonly string[] HostileValues =
    [
        "[]", "{}", "[1, [2, [3]]]", "{a: 1, b: [2]}", "~", "null", "\"\"", "''", "true", "false", "yes", "no",
        "0", "-1", "-0", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999999999999999", "79228162514264337593543950335",
        "79228162514264337593543950336", "-79228162514264337593543950336", "0.0000000000000000000000000000001",
        "1e400", "-1e400", "1e-400", "1.5", "-0.5", ".nan", ".NaN", ".inf", "-.inf", "0x1F", "0o17", "1_000", "+12",
        "\"50\"", "'abc'", "\"\\u0000\"", "\"\\uD800\"", "!!binary aGVsbG8=", "!custom tag", "!!int x", "!!map {}",
        "&anchor 5", "*undefined_anchor", "|\n  block text", ">-\n  folded", "\"unterminated", "'unterminated",
        "[unclosed", "{unclosed: 1", "a: b: c", "- item", "? complex", "@reserved", "`backtick", "%percent",
        "\"\\x\"", "ü mlaut", "😀 emoji", "\u202Eright-to-left", "zero\u200Bwidth", "\t", "  ", "#comment",
        "Ж", "null\u0000byte", "\u0001\u0002control", "1:1", "16:9", "custom", "CUSTOM", "flux-2-pro", "Flux2Pro",
        "model_id", "to_string", "size_string", "aspect_ratio_to_size", "fal_image_size", "nearest", "reject",
        "per_megapixel", "credits", "usd", "2026-13-45", "0000-00-00", "System.Object", "global::X", "class",
        "@class", "int", "default", "\"a\\\"b\"", "\"</summary>\"", "\"*/ /*\"", "\"\\\\\"", "\"${x}\"", "\"{0}\"",
    ];

    private static readonly string[] HostileKeys =
    [
        "", "\"\"", "''", "? x", "-", "<<", "type", "min", "max", "default", "values", "model", "parameters", "providers",
        "pricing", "combine", "extra", "unsupported", "id", "name", "a b", "Κλειδί", "😀", "class", "ModelId",
        "model_id", "validate", "to_string", "equals", "seed_2", "seed2", "fal", "bfl", "local", "x\u0000y", "~", "1",
        "true", "[k]", "{k: v}", "&k key", "*k",
    ];

    private readonly IReadOnlyList<string> _cards;
    private readonly IReadOnlyList<string> _keys;
    private readonly int _seed;
    private readonly bool _largeInputs;

    /// <param name="cards">The real cards' text.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="largeInputs">Also make megabyte-sized strings and lists (the full run); the quick slice keeps them small.</param>
    public CardMutator(IReadOnlyList<string> cards, int seed, bool largeInputs)
    {
        _cards = cards;
        _seed = seed;
        _largeInputs = largeInputs;
        _keys = cards
            .SelectMany(card => card.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && line[0] != '#' && line.Contains(':', StringComparison.Ordinal))
            .Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)].TrimStart('-', ' '))
            .Where(key => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Case <paramref name="index"/>: always the same card for the same seed and index.</summary>
    public FuzzCase Create(int index)
    {
        var random = new Random(unchecked((_seed * 1_000_003) ^ (index * 7_919) ^ 0x5F3759DF));
        var recipe = new List<string>();
        string text;
        if (random.Next(25) == 0)
        {
            text = Degenerate(random, recipe);
        }
        else
        {
            var cardIndex = random.Next(_cards.Count);
            recipe.Add("card" + cardIndex.ToString(CultureInfo.InvariantCulture));
            var lines = _cards[cardIndex].Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
            var count = 1 + random.Next(3);
            for (var i = 0; i < count; i++)
            {
                Mutate(random, lines, recipe);
            }

            text = string.Join('\n', lines);
            text = TextLevel(random, text, recipe);
        }

        var bytes = ByteLevel(random, text, recipe);
        return new FuzzCase(index, string.Join(" + ", recipe), bytes);
    }

    private void Mutate(Random random, List<string> lines, List<string> recipe)
    {
        if (lines.Count == 0)
        {
            lines.Add("");
        }

        var at = random.Next(lines.Count);
        var line = lines[at];
        var indent = line.Length - line.TrimStart(' ').Length;
        var colon = KeyColon(line);
        switch (random.Next(22))
        {
            case 0:
            case 1:
                recipe.Add($"delete line {at}");
                lines.RemoveAt(at);
                break;
            case 2:
                recipe.Add($"duplicate line {at}");
                lines.Insert(at, line);
                break;
            case 3:
                var to = random.Next(lines.Count + 1);
                recipe.Add($"duplicate line {at} at {to}");
                lines.Insert(to, line);
                break;
            case 4:
            case 5:
                if (colon < 0)
                {
                    goto case 6;
                }

                var key = random.Next(2) == 0 ? _keys[random.Next(_keys.Count)] : HostileKeys[random.Next(HostileKeys.Length)];
                recipe.Add($"rename key on line {at} to '{Printable(key)}'");
                lines[at] = line[..indent] + (line.TrimStart(' ').StartsWith("- ", StringComparison.Ordinal) ? "- " : "") + key + line[colon..];
                break;
            case 6:
            case 7:
            case 8:
                if (colon < 0)
                {
                    recipe.Add($"replace line {at} with a value");
                    lines[at] = line[..indent] + "- " + HostileValues[random.Next(HostileValues.Length)];
                    break;
                }

                var value = HostileValues[random.Next(HostileValues.Length)];
                recipe.Add($"value on line {at} = '{Printable(value)}'");
                lines[at] = line[..(colon + 1)] + " " + value.Replace("\n", "\n" + new string(' ', indent + 2), StringComparison.Ordinal);
                break;
            case 9:
                if (colon < 0 || line.TrimEnd().Length != colon + 1)
                {
                    goto case 10;
                }

                // A block (mapping or list) becomes a scalar: its children go.
                var end = at + 1;
                while (end < lines.Count && (lines[end].Trim().Length == 0 || lines[end].Length - lines[end].TrimStart(' ').Length > indent))
                {
                    end++;
                }

                var scalar = HostileValues[random.Next(HostileValues.Length)];
                recipe.Add($"block at line {at} ({end - at - 1} lines) becomes '{Printable(scalar)}'");
                lines.RemoveRange(at + 1, end - at - 1);
                lines[at] = line + " " + scalar.Replace("\n", " ", StringComparison.Ordinal);
                break;
            case 10:
                if (colon < 0 || line.TrimEnd().Length == colon + 1)
                {
                    goto case 11;
                }

                // A scalar becomes a list or a mapping.
                var old = line[(colon + 1)..].Trim();
                var pad = new string(' ', indent + 2);
                var asList = random.Next(2) == 0;
                recipe.Add($"scalar at line {at} becomes a {(asList ? "list" : "mapping")}");
                lines[at] = line[..(colon + 1)];
                lines.Insert(at + 1, asList ? pad + "- " + old : pad + "value: " + old);
                break;
            case 11:
                var shift = random.Next(-3, 4);
                recipe.Add($"indent line {at} by {shift}");
                lines[at] = shift >= 0 ? new string(' ', shift) + line : line[Math.Min(-shift, indent)..];
                break;
            case 12:
                recipe.Add($"tab-indent line {at}");
                lines[at] = new string('\t', Math.Max(1, indent / 2)) + line.TrimStart(' ');
                break;
            case 13:
                Nest(random, lines, at, line, colon, recipe);
                break;
            case 14:
            case 15:
                Aliases(random, lines, at, line, colon, indent, recipe);
                break;
            case 16:
                var length = _largeInputs && random.Next(4) == 0 ? 1_000_000 : random.Next(200, 20_000);
                var chunk = random.Next(3) switch
                {
                    0 => new string('x', length),
                    1 => string.Concat(Enumerable.Repeat("é😀 ", length / 4)),
                    _ => new string(' ', length) + "x",
                };
                var quoted = random.Next(2) == 0;
                recipe.Add($"{(quoted ? "quoted " : "")}string of {length} chars on line {at}");
                lines[at] = colon < 0 ? line + chunk : line[..(colon + 1)] + " " + (quoted ? "\"" + chunk + "\"" : chunk);
                break;
            case 17:
                var keyLength = random.Next(100, 5000);
                recipe.Add($"key of {keyLength} chars on line {at}");
                lines.Insert(at, line[..indent] + new string('k', keyLength) + ": 1");
                break;
            case 18:
                var items = _largeInputs && random.Next(3) == 0 ? 150_000 : random.Next(10, 3000);
                recipe.Add($"list of {items} items on line {at}");
                var list = "[" + string.Join(", ", Enumerable.Range(0, items).Select(i => i % 2 == 0 ? "x" + i.ToString(CultureInfo.InvariantCulture) : i.ToString(CultureInfo.InvariantCulture))) + "]";
                lines[at] = colon < 0 ? line[..indent] + "- " + list : line[..(colon + 1)] + " " + list;
                break;
            case 19:
                var other = _cards[random.Next(_cards.Count)].Split('\n');
                var from = random.Next(other.Length);
                var take = Math.Min(other.Length - from, random.Next(1, 40));
                recipe.Add($"splice {take} lines of another card at {at}");
                lines.InsertRange(at, other.Skip(from).Take(take));
                break;
            case 20:
                var character = "{}[],:&*#?|-<>=!%@`'\"\\\t~"[random.Next(24)];
                var position = line.Length == 0 ? 0 : random.Next(line.Length);
                recipe.Add($"insert '{Printable(character.ToString())}' in line {at}");
                lines[at] = line.Insert(position, character.ToString());
                break;
            default:
                var directive = random.Next(4) switch
                {
                    0 => "%YAML 1.1",
                    1 => "%TAG ! tag:example.com,2000:",
                    2 => "%YAML 9.9",
                    _ => "%UNKNOWN directive",
                };
                recipe.Add($"directive '{directive}'");
                lines.Insert(0, directive);
                lines.Insert(1, "---");
                break;
        }
    }

    private static void Nest(Random random, List<string> lines, int at, string line, int colon, List<string> recipe)
    {
        int[] depths = [10, 63, 64, 65, 200, 5_000, 100_000];
        var depth = depths[random.Next(depths.Length)];
        var prefix = colon < 0 ? line + " " : line[..(colon + 1)] + " ";
        switch (random.Next(4))
        {
            case 0:
                recipe.Add($"flow lists {depth} deep on line {at}");
                lines[at] = prefix + new string('[', depth) + new string(']', depth);
                break;
            case 1:
                recipe.Add($"flow mappings {depth} deep on line {at}");
                lines[at] = prefix + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);
                break;
            case 2:
                var blockDepth = Math.Min(depth, 300);
                recipe.Add($"block mappings {blockDepth} deep after line {at}");
                lines.InsertRange(at + 1, Enumerable.Range(1, blockDepth).Select(d => new string(' ', d) + "k" + d.ToString(CultureInfo.InvariantCulture) + ":"));
                break;
            default:
                recipe.Add($"compact lists {depth} deep on line {at}");
                lines.Insert(at + 1, "  " + string.Concat(Enumerable.Repeat("- ", depth)) + "x");
                break;
        }
    }

    private static void Aliases(Random random, List<string> lines, int at, string line, int colon, int indent, List<string> recipe)
    {
        var pad = new string(' ', indent);
        switch (random.Next(8))
        {
            case 0:
                // Billion laughs: nine levels of ten aliases each, under one key.
                recipe.Add($"alias bomb at line {at}");
                var bomb = new List<string> { pad + "bomb0: &l0 [x, x, x, x, x, x, x, x, x, x]" };
                for (var level = 1; level < 9; level++)
                {
                    bomb.Add(pad + $"bomb{level}: &l{level} [" + string.Join(", ", Enumerable.Repeat("*l" + (level - 1).ToString(CultureInfo.InvariantCulture), 10)) + "]");
                }

                lines.InsertRange(at, bomb);
                break;
            case 1:
                recipe.Add($"alias bomb as values at line {at}");
                lines.InsertRange(at, new[]
                {
                    pad + "b0: &m0 { type: enum, values: [a, b, c, d, e, f, g, h, i, j] }",
                    pad + "b1: &m1 { type: enum, values: [*m0, *m0, *m0, *m0, *m0, *m0, *m0, *m0, *m0, *m0] }",
                    pad + "b2: &m2 [*m1, *m1, *m1, *m1, *m1, *m1, *m1, *m1, *m1, *m1]",
                    pad + "b3: &m3 [*m2, *m2, *m2, *m2, *m2, *m2, *m2, *m2, *m2, *m2]",
                    pad + "b4: [*m3, *m3, *m3, *m3, *m3, *m3, *m3, *m3, *m3, *m3]",
                });
                break;
            case 2:
                recipe.Add($"self-referencing alias at line {at}");
                lines.Insert(at, pad + (random.Next(2) == 0 ? "selfish: &s [*s]" : "selfish: &s {a: *s}"));
                break;
            case 3:
                recipe.Add($"cyclic alias as a key at line {at}");
                lines.InsertRange(at, new[] { pad + "? &k [*k]", pad + ": 1" });
                break;
            case 4:
                recipe.Add($"alias bomb as a key at line {at}");
                lines.InsertRange(at, new[]
                {
                    pad + "z0: &z0 [x, x, x, x, x, x, x, x, x, x]",
                    pad + "z1: &z1 [*z0, *z0, *z0, *z0, *z0, *z0, *z0, *z0, *z0, *z0]",
                    pad + "z2: &z2 [*z1, *z1, *z1, *z1, *z1, *z1, *z1, *z1, *z1, *z1]",
                    pad + "z3: &z3 [*z2, *z2, *z2, *z2, *z2, *z2, *z2, *z2, *z2, *z2]",
                    pad + "? *z3",
                    pad + ": 1",
                });
                break;
            case 5:
                if (colon < 0)
                {
                    goto case 6;
                }

                // Anchor a real node and alias it again as a sibling (a duplicated subtree, legal YAML).
                recipe.Add($"anchor line {at} and alias it");
                lines[at] = line[..(colon + 1)] + " &real" + line[(colon + 1)..];
                var end = at + 1;
                while (end < lines.Count && (lines[end].Trim().Length == 0 || lines[end].Length - lines[end].TrimStart(' ').Length > indent))
                {
                    end++;
                }

                lines.Insert(end, pad + "aliased_copy: *real");
                break;
            case 6:
                recipe.Add($"merge key at line {at}");
                lines.InsertRange(at, new[] { pad + "base: &base { type: integer, min: 1 }", pad + "merged: { <<: *base, max: 2 }" });
                break;
            default:
                recipe.Add($"alias to an unknown anchor at line {at}");
                lines.Insert(at, pad + "dangling: *nowhere");
                break;
        }
    }

    private string TextLevel(Random random, string text, List<string> recipe)
    {
        switch (random.Next(12))
        {
            case 0:
                recipe.Add("CRLF line endings");
                return text.Replace("\n", "\r\n", StringComparison.Ordinal);
            case 1:
                recipe.Add("CR line endings");
                return text.Replace("\n", "\r", StringComparison.Ordinal);
            case 2:
                recipe.Add("mixed line endings");
                var builder = new StringBuilder(text.Length + 100);
                foreach (var c in text)
                {
                    builder.Append(c == '\n' ? random.Next(3) switch { 0 => "\r\n", 1 => "\r", _ => "\n" } : c.ToString());
                }

                return builder.ToString();
            case 3:
                var cut = random.Next(text.Length + 1);
                recipe.Add($"truncated at {cut}");
                return text[..cut];
            case 4:
                recipe.Add("second document");
                return text + "\n---\n" + text;
            case 5:
                var at = random.Next(text.Length + 1);
                var odd = random.Next(6) switch
                {
                    0 => "\uD800",
                    1 => "\uDC00",
                    2 => "\u0000",
                    3 => "\u2028",
                    4 => "\u0085",
                    _ => "\uFFFE",
                };
                recipe.Add($"U+{(int)odd[0]:X4} at {at}");
                return text.Insert(at, odd);
            case 6:
                recipe.Add("BOM character inside the text");
                return text.Insert(random.Next(text.Length + 1), "\uFEFF");
            case 7:
                recipe.Add("trailing spaces and tabs");
                return text.Replace("\n", " \t\n", StringComparison.Ordinal);
            default:
                return text;
        }
    }

    private static byte[] ByteLevel(Random random, string text, List<string> recipe)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (random.Next(10))
        {
            case 0:
                recipe.Add("UTF-8 BOM");
                return [0xEF, 0xBB, 0xBF, .. bytes];
            case 1:
                var at = random.Next(bytes.Length + 1);
                byte[][] invalid = [[0xFF], [0xC0, 0x80], [0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xFE, 0xFF]];
                var sequence = invalid[random.Next(invalid.Length)];
                recipe.Add($"invalid UTF-8 {Convert.ToHexString(sequence)} at byte {at}");
                return [.. bytes.AsSpan(0, at), .. sequence, .. bytes.AsSpan(at)];
            case 2 when random.Next(3) == 0:
                recipe.Add("UTF-16 LE with BOM");
                return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
            case 3 when random.Next(3) == 0:
                recipe.Add("Latin-1 bytes");
                return Encoding.Latin1.GetBytes(text);
            default:
                return bytes;
        }
    }

    private static string Degenerate(Random random, List<string> recipe)
    {
        string[] files =
        [
            "", " ", "\n", "\n\n\n", "\t", "# only a comment", "---", "...", "--- \n---\n", "~", "null", "[]", "{}", "- a\n- b",
            "id", "id:", ":", "? ", "&a", "*a", "!!str", "'", "\"", "[", "{", "\uFEFF", "\uFEFF\uFEFF", "\u0000",
            "id: x\nname: y\nparameters:", "id: x\nname: y\nparameters: {}\n", "%YAML 1.2\n---\n", "key: value\n...\nmore: text",
        ];
        var choice = random.Next(files.Length);
        recipe.Add($"degenerate file {choice}");
        return files[choice];
    }

    /// <summary>The index of the colon that ends a plain key on the line, or -1.</summary>
    private static int KeyColon(string line)
    {
        var trimmed = line.TrimStart(' ');
        if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == '{' || trimmed[0] == '[' || trimmed[0] == '"' || trimmed[0] == '\'')
        {
            return -1;
        }

        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 && line.EndsWith(':'))
        {
            colon = line.Length - 1;
        }

        return colon;
    }

    private static string Printable(string text)
    {
        var shown = text.Length > 30 ? text[..30] + "…" : text;
        return string.Concat(shown.Select(c => c < ' ' || c is >= '\uD800' and <= '\uDFFF' || c is '\uFEFF' or '\u2028' or '\u0085' ? $"\\u{(int)c:X4}" : c.ToString()));
    }
}
