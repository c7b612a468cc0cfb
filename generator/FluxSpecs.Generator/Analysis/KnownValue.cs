namespace FluxSpecs.Generator.Analysis
{
    /// <summary>
    /// A request value the analyzer can see at compile time: a number, a string, a boolean, an enum's wire string, or
    /// the number of items in a list. Anything it cannot know is not represented at all (no false positives).
    /// </summary>
    internal readonly struct KnownValue
    {
        private KnownValue(object value, bool isCount)
        {
            Value = value;
            IsCount = isCount;
        }

        public object Value { get; }

        /// <summary>True when <see cref="Value"/> is the item count of a list, not the list's contents.</summary>
        public bool IsCount { get; }

        public static KnownValue Of(object value) => new KnownValue(value, false);

        public static KnownValue Count(int count) => new KnownValue(count, true);
    }
}
