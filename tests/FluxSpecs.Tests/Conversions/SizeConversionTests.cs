using FluxSpecs.GeneratedCode;

namespace FluxSpecs.Tests.Conversions;

/// <summary>The size conversions cards name: <c>size_string</c>, <c>aspect_ratio_to_size</c>, <c>fal_image_size</c>.</summary>
public sealed class SizeConversionTests
{
    [Theory]
    [InlineData("1:1", "1 MP", 16, 1024, 1024)]
    [InlineData("16:9", "1 MP", 16, 1360, 768)]
    [InlineData("16:9", "1 MP", 32, 1344, 768)]    // 1376 x 768 would be more than 1 MP
    [InlineData("16:9", "1 MP", 1, 1365, 768)]
    [InlineData("4:3", "1 MP", 1, 1182, 887)]
    [InlineData("5:4", "1 MP", 1, 1144, 915)]      // 1145 x 916 would be more than 1 MP
    [InlineData("1:1", "0.5 MP", 16, 720, 720)]
    [InlineData("2:3", "2 MP", 16, 1168, 1760)]    // 1184 x 1776 would be more than 2 MP
    [InlineData("1:1", null, 16, 1024, 1024)]
    public void A_ratio_at_a_tier_keeps_the_ratio_and_the_pixel_count_rounded_to_the_step(string ratio, string? tier, long step, long width, long height)
    {
        Assert.Equal(new PixelSize(width, height), AspectRatioToSizeConversion.Convert(ratio, tier, null, null, step));
    }

    [Fact]
    public void A_size_never_has_more_pixels_than_its_tier_and_strays_from_the_ratio_only_by_its_step()
    {
        string[] ratios = ["1:1", "16:9", "9:16", "3:2", "2:3", "4:3", "3:4", "4:5", "5:4", "21:9", "9:21"];
        foreach (var (ratio, tier, step) in
            from ratio in ratios
            from tier in new[] { "0.5 MP", "1 MP", "2 MP", "4 MP" }
            from step in new long[] { 1, 16, 32 }
            select (ratio, tier, step))
        {
            var size = AspectRatioToSizeConversion.Convert(ratio, tier, null, null, step);
            var (w, h) = (size.Width!.Value, size.Height!.Value);
            var parts = ratio.Split(':').Select(double.Parse).ToArray();
            var budget = double.Parse(tier.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024;

            Assert.True(w * h <= budget, $"{ratio} at {tier}, step {step}: {w}x{h} is {w * h} px, more than {budget}");
            // Rounding a side to the step moves the ratio by up to a step over the shorter side.
            Assert.True(Math.Abs(((double)w / h / (parts[0] / parts[1])) - 1) <= (double)step / Math.Min(w, h) + 0.005, $"{ratio} at {tier}, step {step}: {w}x{h} strays from the ratio");
            Assert.Equal(0, w % step);
            Assert.Equal(0, h % step);
        }
    }

    [Fact]
    public void A_square_stays_square_when_the_nearest_multiples_are_over_the_tier()
    {
        // 2 MP is 1448.2 px a side; the nearest multiple of 16, 1456, would make 2.02 MP.
        Assert.Equal(new PixelSize(1440, 1440), AspectRatioToSizeConversion.Convert("1:1", "2 MP", null, null, 16));
    }

    [Fact]
    public void A_side_over_the_maximum_scales_both_sides_down_keeping_the_ratio()
    {
        // 16:9 at 4 MP is 2730.7 x 1536; scaled by 2048 / 2730.7 it is 2048 x 1152.
        Assert.Equal(new PixelSize(2048, 1152), AspectRatioToSizeConversion.Convert("16:9", "4 MP", null, null, 16, maxWidth: 2048, maxHeight: 2048));
        Assert.Equal(new PixelSize(1152, 2048), AspectRatioToSizeConversion.Convert("9:16", "4 MP", null, null, 16, maxWidth: 2048, maxHeight: 2048));
        // Rounding to the step never goes past the maximum: 1400 rounds to 1408, above 1400, so the side is 1376 (43 x 32).
        Assert.Equal(new PixelSize(1376, 1376), AspectRatioToSizeConversion.Convert("1:1", "4 MP", null, null, 32, maxWidth: 1400, maxHeight: 1400));
    }

    [Fact]
    public void Custom_passes_the_sides_through_and_match_input_image_sends_nothing()
    {
        Assert.Equal(new PixelSize(1000, 700), AspectRatioToSizeConversion.Convert("custom", "1 MP", 1000, 700, 16));
        Assert.Equal(new PixelSize(1024, null), AspectRatioToSizeConversion.Convert("custom", null, 1024, null));
        Assert.Equal(PixelSize.None, AspectRatioToSizeConversion.Convert("match_input_image", "1 MP", null, null));
        Assert.Equal(PixelSize.None, AspectRatioToSizeConversion.Convert("16:9", "match_input_image", null, null));
        Assert.Equal(PixelSize.None, AspectRatioToSizeConversion.Convert(null, "2 MP", null, null));
    }

    [Theory]
    [InlineData("wide", "1 MP", "'wide' is not an aspect ratio")]
    [InlineData("16:0", "1 MP", "'16:0' is not an aspect ratio")]
    [InlineData("16:9", "1K", "'1K' is not a megapixel tier")]
    [InlineData("16:9", "-1 MP", "'-1 MP' is not a megapixel tier")]
    public void An_unreadable_ratio_or_tier_is_a_format_error_that_quotes_it(string ratio, string tier, string message)
    {
        var error = Assert.Throws<FormatException>(() => AspectRatioToSizeConversion.Convert(ratio, tier, null, null));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1:1", "square_hd")]
    [InlineData("4:3", "landscape_4_3")]
    [InlineData("3:4", "portrait_4_3")]
    [InlineData("16:9", "landscape_16_9")]
    [InlineData("9:16", "portrait_16_9")]
    public void Fal_presets(string ratio, string preset)
    {
        Assert.Equal(FalImageSize.OfPreset(preset), FalImageSizeConversion.Convert(ratio, null, null));
    }

    [Fact]
    public void Fal_sizes_without_a_preset()
    {
        Assert.Equal(FalImageSize.OfSize(1254, 836), FalImageSizeConversion.Convert("3:2", null, null));
        Assert.Equal(FalImageSize.OfSize(915, 1144), FalImageSizeConversion.Convert("4:5", null, null));
        Assert.Equal(FalImageSize.OfSize(1024, 768), FalImageSizeConversion.Convert("custom", 1024, 768));
        Assert.Null(FalImageSizeConversion.Convert("custom", 1024, null));
        Assert.Null(FalImageSizeConversion.Convert("match_input_image", null, null));
        Assert.Null(FalImageSizeConversion.Convert(null, null, null));
        Assert.Equal("landscape_16_9", FalImageSize.OfPreset("landscape_16_9").ToString());
        Assert.Equal("1254x836", FalImageSize.OfSize(1254, 836).ToString());
    }

    [Fact]
    public void Size_string_needs_both_sides()
    {
        Assert.Equal("1024x768", SizeStringConversion.Convert(1024, 768));
        Assert.Null(SizeStringConversion.Convert(1024, null));
        Assert.Null(SizeStringConversion.Convert(null, null));
    }
}
