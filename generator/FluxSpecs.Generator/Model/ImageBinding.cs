namespace FluxSpecs.Generator.Model
{
    /// <summary>How a provider wants a list of images: one array field or indexed fields, and in which encoding.</summary>
    /// <param name="Shape"><c>array</c> or <c>indexed</c> (<c>input_image</c>, <c>input_image_2</c> …).</param>
    /// <param name="Encoding"><c>url</c>, <c>base64</c>, <c>data_uri</c> or <c>file</c>.</param>
    internal sealed record ImageBinding(ImageShape Shape, ImageEncoding Encoding)
    {
        public static readonly ImageBinding Default = new ImageBinding(ImageShape.Array, ImageEncoding.Url);
    }
}
