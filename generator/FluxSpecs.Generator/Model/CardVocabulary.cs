using System;
using System.Collections.Generic;
using System.Linq;

namespace FluxSpecs.Generator.Model
{
    /// <summary>How a provider takes a list of images: one field with a list, or one field per image.</summary>
    internal enum ImageShape
    {
        Array,
        Indexed,
    }

    /// <summary>How a provider takes each image. The runtime's <c>ImageEncodingKind</c> has the same members.</summary>
    internal enum ImageEncoding
    {
        Url,
        Base64,
        DataUri,
        File,
    }

    /// <summary>A conversion of one value; the runtime's <c>ValueConversion</c> has the same members.</summary>
    internal enum ValueConversion
    {
        ToText,
    }

    /// <summary>A conversion of several parameters into fields; the runtime's <c>CombineConversion</c> has the same members.</summary>
    internal enum CombineConversion
    {
        SizeString,
        AspectRatioToSize,
        FalImageSize,
    }

    /// <summary>What a provider does with a value off its step; the runtime's <c>Rounding</c> has the same members.</summary>
    internal enum RoundingMode
    {
        Nearest,
        Down,
        Up,
        Reject,
    }

    /// <summary>What prices are in; the runtime's <c>PricingUnit</c> has the same members.</summary>
    internal enum PricingUnit
    {
        Usd,
        Credits,
    }

    /// <summary>How megapixels are counted; the runtime's <c>MegapixelRounding</c> has the same members.</summary>
    internal enum MegapixelRounding
    {
        Up,
        None,
    }

    /// <summary>A closed word list of the card format and the typed value each word means.</summary>
    internal sealed class WordTable<T>
        where T : struct, Enum
    {
        private readonly (string Word, T Value)[] _entries;

        public WordTable(params (string Word, T Value)[] entries) => _entries = entries;

        /// <summary>The words, in the order messages and the schema list them.</summary>
        public string[] Words => _entries.Select(e => e.Word).ToArray();

        /// <summary>The value a word means; false for a word the card format lacks (the shape check reports it).</summary>
        public bool TryParse(string? word, out T value)
        {
            foreach (var entry in _entries)
            {
                if (entry.Word == word)
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }

        /// <summary>The word for a value, as the card spells it.</summary>
        public string WordOf(T value) => _entries.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Word;
    }

    /// <summary>The card words of each typed vocabulary: the one place a word becomes a value.</summary>
    internal static class CardVocabulary
    {
        public static readonly WordTable<ImageShape> ImageShapes = new WordTable<ImageShape>(("array", ImageShape.Array), ("indexed", ImageShape.Indexed));

        public static readonly WordTable<ImageEncoding> ImageEncodings = new WordTable<ImageEncoding>(
            ("url", ImageEncoding.Url), ("base64", ImageEncoding.Base64), ("data_uri", ImageEncoding.DataUri), ("file", ImageEncoding.File));

        public static readonly WordTable<ValueConversion> ValueConversions = new WordTable<ValueConversion>(("to_string", ValueConversion.ToText));

        public static readonly WordTable<CombineConversion> CombineConversions = new WordTable<CombineConversion>(
            ("size_string", CombineConversion.SizeString), ("aspect_ratio_to_size", CombineConversion.AspectRatioToSize), ("fal_image_size", CombineConversion.FalImageSize));

        public static readonly WordTable<RoundingMode> Roundings = new WordTable<RoundingMode>(
            ("nearest", RoundingMode.Nearest), ("down", RoundingMode.Down), ("up", RoundingMode.Up), ("reject", RoundingMode.Reject));

        public static readonly WordTable<PricingUnit> PricingUnits = new WordTable<PricingUnit>(("usd", PricingUnit.Usd), ("credits", PricingUnit.Credits));

        public static readonly WordTable<MegapixelRounding> MegapixelRoundings = new WordTable<MegapixelRounding>(("up", MegapixelRounding.Up), ("none", MegapixelRounding.None));
    }
}
