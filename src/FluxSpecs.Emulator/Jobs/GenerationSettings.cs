using FluxSpecs.Images;

namespace FluxSpecs.Emulator.Jobs;

/// <summary>What the emulator renders for a job, read from the validated body.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="Seed">The seed given, or one derived from the prompt, so that a request without a seed is still deterministic.</param>
/// <param name="Width">Output width in pixels.</param>
/// <param name="Height">Output height in pixels.</param>
/// <param name="Format">The requested output format.</param>
/// <param name="Count">How many images: the card's image count where the provider has a field for it (Lumenfall's <c>n</c>, fal's <c>num_images</c>); image i uses seed + i.</param>
/// <param name="Quality">JPEG quality.</param>
/// <param name="InputImageCount">How many reference images the request carries (for cost figures).</param>
internal sealed record GenerationSettings(
    string Prompt,
    long Seed,
    int Width,
    int Height,
    ImageFormat Format,
    int Count = 1,
    int Quality = 90,
    int InputImageCount = 0);
