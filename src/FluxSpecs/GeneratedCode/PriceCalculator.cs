using System.ComponentModel;
using System.Globalization;
using FluxSpecs.Catalog;
using FluxSpecs.Errors;
using FluxSpecs.Images;
using FluxSpecs.Pricing;
using FluxSpecs.Validation;

namespace FluxSpecs.GeneratedCode;

/// <summary>
/// Applies a card's pricing section to a request's output size and reference images. Every figure comes from the card
/// (<see cref="PricingDescriptor"/>); this class only knows the arithmetic the card's keys name.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PriceCalculator
{
    /// <summary>
    /// The pricing section <paramref name="providerId"/> has in the request's card, after checking the request against
    /// that provider's rules (nothing is priced for a request the provider would refuse).
    /// </summary>
    /// <exception cref="RequestValidationException">The request breaks the provider's rules, or the provider does not offer the model.</exception>
    /// <exception cref="NotSupportedException">The provider publishes no price for the model.</exception>
    public static PricingDescriptor PricingOf(IModelRequest request, string providerId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(providerId);
        request.Validate(providerId).ThrowIfInvalid();
        return request.Model.FindProvider(providerId)?.Pricing
            ?? throw new NotSupportedException($"{providerId} publishes no price for {request.Model.Id}; its card has no pricing section.");
    }

    /// <summary>The size assumed when nothing tells the output size: one megapixel, square.</summary>
    public static readonly ImageSize DefaultOutput = new(1024, 1024);

    /// <summary>Estimates the price of one request for one image.</summary>
    /// <param name="providerId">The provider id.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="pricing">The provider's pricing section of the model's card.</param>
    /// <param name="references">The reference images, measured where possible.</param>
    /// <param name="output">
    /// The output size the provider will produce, or null when it depends on something unknown before the job runs
    /// (<c>match_input_image</c>): then the first measured reference image's size is assumed, else 1024×1024, and the
    /// estimate says so.
    /// </param>
    public static PriceEstimate Estimate(string providerId, string modelId, PricingDescriptor pricing, ImageSize? output, IReadOnlyList<PricedImage> references) =>
        Estimate(providerId, modelId, pricing, output, references, imageCount: 1, countInOneRequest: true);

    /// <summary>Estimates the price of <paramref name="imageCount"/> images.</summary>
    /// <param name="providerId">The provider id.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="pricing">The provider's pricing section of the model's card.</param>
    /// <param name="output">The output size, as in the other overload.</param>
    /// <param name="references">The reference images, measured where possible.</param>
    /// <param name="imageCount">How many images the request asks for (the card's <c>image_count</c>).</param>
    /// <param name="countInOneRequest">
    /// True when the provider makes them in one request (it has a count field, such as fal's <c>num_images</c>): each
    /// image is billed its output and reference megapixels, a per-request price once. False when the client starts one
    /// job per image: every line is billed once per job.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageCount"/> is less than 1.</exception>
    public static PriceEstimate Estimate(string providerId, string modelId, PricingDescriptor pricing, ImageSize? output, IReadOnlyList<PricedImage> references, int imageCount, bool countInOneRequest)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageCount, 1);
        var lines = new List<PriceLine>();
        var assumptions = new List<string>();
        var size = output ?? AssumeOutput(references, assumptions);
        var requests = countInOneRequest ? 1 : imageCount;
        if (pricing.PerRequest is { } perRequest)
        {
            lines.Add(new PriceLine("request", requests, "request", perRequest, requests > 1 ? $"{imageCount} images as {imageCount} jobs" : null));
        }

        if (pricing.PerMegapixel is { } rates)
        {
            AddOutput(lines, rates, size, imageCount);
            foreach (var reference in references)
            {
                AddReference(lines, assumptions, rates, reference, imageCount);
            }
        }

        if (imageCount > 1 && countInOneRequest && (references.Count > 0 || pricing.PerRequest is not null))
        {
            assumptions.Add($"{providerId} makes the {imageCount} images in one request: each image is billed its output and reference megapixels, a per-request price once.");
        }

        var total = lines.Sum(line => line.Amount);
        var credits = pricing.Unit == PricingUnit.Credits;
        if (credits && pricing.CreditUsd is null)
        {
            assumptions.Add($"{providerId} does not publish the dollar value of a credit, so the price is in credits only.");
        }

        return new PriceEstimate
        {
            ProviderId = providerId,
            ModelId = modelId,
            Unit = pricing.Unit.ToCardWord(),
            Credits = credits ? total : null,
            AmountUsd = credits ? total * pricing.CreditUsd : total,
            CreditUsd = credits ? pricing.CreditUsd : null,
            OutputSize = size,
            ImageCount = imageCount,
            Breakdown = lines,
            Assumptions = assumptions,
            Source = pricing.Source,
            AsOf = pricing.AsOf,
            Verified = pricing.Verified,
        };
    }

    private static ImageSize AssumeOutput(IReadOnlyList<PricedImage> references, List<string> assumptions)
    {
        if (references.FirstOrDefault(r => r.Size is not null) is { Size: { } size } reference)
        {
            assumptions.Add($"output size follows the input image; assumed {reference.Label}'s {size}.");
            return size;
        }

        assumptions.Add($"output size unknown before the job runs; assumed {DefaultOutput}.");
        return DefaultOutput;
    }

    private static void AddOutput(List<PriceLine> lines, MegapixelRates rates, ImageSize output, int images)
    {
        var (megapixels, note) = Billed(rates, output.Pixels, minimum: null);
        note = $"output {output}: {note}{Times(images)}";
        if (rates.First is { } first)
        {
            // The first megapixel is billed whole even when the image is smaller; each further one at the additional rate.
            lines.Add(new PriceLine("output, first MP", images, "MP", first, note));
            if (megapixels > 1 && rates.Additional is { } additional)
            {
                lines.Add(new PriceLine("output, additional MP", (megapixels - 1) * images, "MP", additional, images > 1 ? $"{megapixels - 1} MP{Times(images)}" : null));
            }
        }
        else if (rates.Output is { } perMegapixel)
        {
            lines.Add(new PriceLine("output", megapixels * images, "MP", perMegapixel, note));
        }
    }

    /// <summary>
    /// One job's share of an estimate for <paramref name="jobs"/> images made as that many jobs (every line is billed
    /// once per job), for the estimate each job of an image group carries.
    /// </summary>
    internal static PriceEstimate PerJob(PriceEstimate estimate, int jobs) => estimate with
    {
        ImageCount = 1,
        Credits = estimate.Credits / jobs,
        AmountUsd = estimate.AmountUsd / jobs,
        Breakdown = [.. estimate.Breakdown.Select(line => line with
        {
            Quantity = line.Quantity / jobs,
            Note = line.Item == "request" ? null : line.Note?.Replace(Times(jobs), "", StringComparison.Ordinal) is { Length: > 0 } note ? note : null,
        })],
    };

    /// <summary>How a line's quantity was multiplied by the image count, for its note.</summary>
    private static string Times(int images) => images > 1 ? $", × {images} images" : "";

    private static void AddReference(List<PriceLine> lines, List<string> assumptions, MegapixelRates rates, PricedImage reference, int images)
    {
        if (rates.Input is not { } rate)
        {
            return;
        }

        if (reference.Size is not { } size)
        {
            var assumed = rates.MinInputMegapixels ?? 1;
            assumptions.Add(string.Create(CultureInfo.InvariantCulture, $"{reference.Label}: size unknown (not downloaded), counted as {assumed:0.####} MP."));
            lines.Add(new PriceLine(reference.Label, assumed * images, "MP", rate, "size unknown, assumed" + Times(images)));
            return;
        }

        var (megapixels, note) = Billed(rates, size.Pixels, rates.MinInputMegapixels);
        lines.Add(new PriceLine(reference.Label, megapixels * images, "MP", rate, $"{size}: {note}{Times(images)}"));
    }

    /// <summary>Pixels → billed megapixels: divide, round up (when the card says so), clamp to the maximum, raise to the minimum.</summary>
    private static (decimal Megapixels, string Note) Billed(MegapixelRates rates, long pixels, decimal? minimum)
    {
        var exact = (decimal)pixels / rates.PixelsPerMegapixel;
        var steps = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{pixels} px = {exact:0.####} MP") };
        var billed = exact;
        if (rates.Rounding == MegapixelRounding.Up && decimal.Ceiling(billed) != billed)
        {
            billed = decimal.Ceiling(billed);
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"rounded up to {billed} MP"));
        }

        if (rates.MaxMegapixels is { } max && billed > max)
        {
            billed = max;
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"clamped to {max:0.####} MP"));
        }

        if (minimum is { } min && billed < min)
        {
            billed = min;
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"raised to the {min:0.####} MP minimum"));
        }

        return (billed, string.Join(", ", steps));
    }
}
