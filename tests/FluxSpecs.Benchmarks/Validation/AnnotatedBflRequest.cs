using System.ComponentModel.DataAnnotations;

namespace FluxSpecs.Benchmarks.Validation;

/// <summary>
/// The DataAnnotations equivalent of validating a FLUX.2 [pro] request for BFL: the model's rules narrowed by BFL's
/// (8 images, safety tolerance 0–5, jpeg or png), written the way a hand-written SDK would, with the rules attributes
/// cannot say (multiple of 16, width and height only with a custom aspect ratio, image formats) in
/// <see cref="IValidatableObject"/>.
/// </summary>
public sealed class AnnotatedBflRequest : IValidatableObject
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp"];

    [Required(AllowEmptyStrings = false)]
    [MinLength(1)]
    public string Prompt { get; set; } = "";

    [MaxLength(8)]
    public IReadOnlyList<Uri>? InputImages { get; set; }

    [AllowedValues(null, "match_input_image", "custom", "1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "9:16", "3:4", "4:3")]
    public string? AspectRatio { get; set; }

    [AllowedValues(null, "match_input_image", "0.5 MP", "1 MP", "2 MP", "4 MP")]
    public string? Resolution { get; set; }

    [Range(64, 2048)]
    public int? Width { get; set; }

    [Range(64, 2048)]
    public int? Height { get; set; }

    [Range(0L, 4294967295L)]
    public long? Seed { get; set; }

    [Range(0, 5)]
    public int? SafetyTolerance { get; set; }

    [AllowedValues(null, "jpeg", "png")]
    public string? OutputFormat { get; set; }

    [MinLength(1)]
    [MaxLength(2083)]
    public string? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var custom = (AspectRatio ?? "1:1") == "custom";
        if (Width is { } width && width % 16 != 0)
        {
            yield return new ValidationResult("width must be a multiple of 16.", [nameof(Width)]);
        }

        if (Height is { } height && height % 16 != 0)
        {
            yield return new ValidationResult("height must be a multiple of 16.", [nameof(Height)]);
        }

        if ((Width is not null || Height is not null) && !custom)
        {
            yield return new ValidationResult("width and height only apply when aspect_ratio is custom.", [nameof(Width), nameof(Height)]);
        }

        if (Resolution is not null && custom)
        {
            yield return new ValidationResult("resolution does not apply when aspect_ratio is custom.", [nameof(Resolution)]);
        }

        if (InputImages is { } images)
        {
            foreach (var image in images)
            {
                var extension = Path.GetExtension(image.AbsolutePath);
                if (extension.Length > 0 && !ImageExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
                {
                    yield return new ValidationResult($"input image {image} must be jpeg, png, gif or webp.", [nameof(InputImages)]);
                }
            }
        }
    }
}
