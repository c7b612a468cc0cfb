namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// Every runtime type generated code names, fully qualified so the code does not depend on the user's usings. One
    /// table, so moving a runtime type is one edit here and the emitters cannot disagree on where it lives.
    /// </summary>
    internal static class KnownTypes
    {
        // The runtime's public API: the types generated members expose to users.
        public const string IModelRequest = "global::FluxSpecs.IModelRequest";
        public const string ProviderId = "global::FluxSpecs.ProviderId";
        public const string Catalog = "global::FluxSpecs.Catalog.";
        public const string ModelDescriptor = Catalog + "ModelDescriptor";
        public const string FluxSpecsClient = "global::FluxSpecs.Clients.FluxSpecsClient";
        public const string Clients = "global::FluxSpecs.Clients.";
        public const string ImageInput = "global::FluxSpecs.Images.ImageInput";
        public const string ImageSize = "global::FluxSpecs.Images.ImageSize";
        public const string ImageFormat = "global::FluxSpecs.Images.ImageFormat";
        public const string ImageReplacer = "global::FluxSpecs.Images.ImageReplacer";
        public const string ImageJob = "global::FluxSpecs.Jobs.ImageJob";

        public const string ImageJobGroup = "global::FluxSpecs.Jobs.ImageJobGroup";
        public const string JobState = "global::FluxSpecs.Jobs.JobState";
        public const string ProviderPayload = "global::FluxSpecs.Mapping.ProviderPayload";
        public const string MultipartPart = "global::FluxSpecs.Mapping.MultipartPart";
        public const string PriceEstimate = "global::FluxSpecs.Pricing.PriceEstimate";
        public const string PriceComparison = "global::FluxSpecs.Pricing.PriceComparison";
        public const string ProviderDefinition = "global::FluxSpecs.Providers.ProviderDefinition";
        public const string ProviderRegistry = "global::FluxSpecs.Providers.ProviderRegistry";
        public const string Rounding = "global::FluxSpecs.Validation.Rounding";
        public const string ImageEncodingKind = Catalog + "ImageEncodingKind";
        public const string ValidationResult = "global::FluxSpecs.Validation.ValidationResult";

        // Helpers only generated code calls: one namespace, hidden from IntelliSense, so users never meet them.
        public const string GeneratedCode = "global::FluxSpecs.GeneratedCode.";
        public const string ParameterValues = GeneratedCode + "ParameterValues";
        public const string PayloadGuard = GeneratedCode + "PayloadGuard";
        public const string JsonBody = GeneratedCode + "JsonBody";
        public const string MultipartBody = GeneratedCode + "MultipartBody";
        public const string ImageEncoding = GeneratedCode + "ImageEncoding";
        public const string ImageReplacement = GeneratedCode + "ImageReplacement";
        public const string RequestChecker = GeneratedCode + "RequestChecker";
        public const string PriceCalculator = GeneratedCode + "PriceCalculator";
        public const string PricedImage = GeneratedCode + "PricedImage";
        public const string PricedImages = GeneratedCode + "PricedImages";
        public const string OutputSizes = GeneratedCode + "OutputSizes";
        public const string ToStringConversion = GeneratedCode + "ToStringConversion";
        public const string SizeStringConversion = GeneratedCode + "SizeStringConversion";
        public const string AspectRatioToSizeConversion = GeneratedCode + "AspectRatioToSizeConversion";
        public const string FalImageSizeConversion = GeneratedCode + "FalImageSizeConversion";

        // Framework types.
        public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
        public const string List = "global::System.Collections.Generic.List";
        public const string CancellationToken = "global::System.Threading.CancellationToken";
        public const string Task = "global::System.Threading.Tasks.Task";
        public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
        public const string InvariantCulture = "global::System.Globalization.CultureInfo.InvariantCulture";
        public const string ArgumentNullException = "global::System.ArgumentNullException";
        public const string ArgumentOutOfRangeException = "global::System.ArgumentOutOfRangeException";
        public const string ArgumentException = "global::System.ArgumentException";
        public const string Progress = "global::System.IProgress";
        public const string UnreachableException = "global::System.Diagnostics.UnreachableException";
        public const string Dictionary = "global::System.Collections.Generic.Dictionary";
        public const string DateOnly = "global::System.DateOnly";
        public const string StringBuilder = "global::System.Text.StringBuilder";
        public const string FormattableString = "global::System.FormattableString";
        public const string GeneratedCodeAttribute = "global::System.CodeDom.Compiler.GeneratedCode";
        public const string Ai = "global::Microsoft.Extensions.AI.";
    }
}
