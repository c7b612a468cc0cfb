namespace FluxSpecs.Generator.Analysis
{
    /// <summary>The ids of request-value diagnostics (FSPEC1xxx), reported by <see cref="RequestValueAnalyzer"/>.</summary>
    internal static class RequestValueIds
    {
        public const string OutOfRange = "FSPEC1001";
        public const string NotAMultiple = "FSPEC1002";
        public const string BadLength = "FSPEC1003";
        public const string TooManyItems = "FSPEC1004";
        public const string NotApplicable = "FSPEC1005";
        public const string ProviderRule = "FSPEC1006";
        public const string PixelBudget = "FSPEC1007";
    }
}
