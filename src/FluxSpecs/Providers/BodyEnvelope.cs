namespace FluxSpecs.Providers;

/// <summary>
/// Where a provider's create body puts the model's input and the provider's model id: the one thing about a body that
/// is the protocol's, not the card's. A multipart form can only be flat.
/// </summary>
public enum BodyEnvelope
{
    /// <summary>Top-level fields; the model is in the URL (BFL, fal, Magnific).</summary>
    Flat,

    /// <summary>Top-level fields with <c>"model"</c> first (Vtrix, Lumenfall).</summary>
    FlatWithModel,

    /// <summary><c>{"input": {…}}</c> then top-level fields; the model is in the URL (Replicate).</summary>
    Input,

    /// <summary><c>{"model", "input": {…}}</c> then top-level fields (core.today).</summary>
    ModelAndInput,
}
