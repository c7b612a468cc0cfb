namespace FluxSpecs.Generator.Model
{
    /// <summary>
    /// The card's image count (its top-level <c>image_count</c>): a model parameter of this reserved name, added after
    /// the card's own, so that validation, rule attributes, the analyzer, the descriptor and <c>SetParameter</c> treat it
    /// like any integer. A provider with a <c>field</c> for it sends it (fal's <c>num_images</c>); for the others it is
    /// never written, and the runtime starts that many jobs.
    /// </summary>
    internal static class ImageCount
    {
        public const string ParameterName = "image_count";

        public const string PropertyName = "ImageCount";

        public const string DefaultDescription =
            "How many images to generate. A provider with a count of its own makes them in one request; for the others, that many jobs are started at once.";
    }
}
