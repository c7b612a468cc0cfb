using FluxSpecs.Images;
using FluxSpecs.Models.Flux2Dev;
using FluxSpecs.Models.Flux2Pro;

namespace FluxSpecs.Tests.Images;

/// <summary>The generated <c>WithImagesAsync</c>: a copy with each image replaced, named as the card names it.</summary>
public sealed class ImageReplacementTests
{
    [Fact]
    public async Task Each_image_is_replaced_in_order_in_a_copy_and_the_request_is_unchanged()
    {
        var first = ImageInput.FromUrl("https://images.example/a.png");
        var second = ImageInput.FromUrl("https://images.example/b.png");
        var request = new Flux2ProRequest { Prompt = "x", Seed = 7, InputImages = [first, second] };
        var seen = new List<string>();

        var copy = (Flux2ProRequest)await request.WithImagesAsync((parameter, index, image, _) =>
        {
            seen.Add($"{parameter}[{index}] {image}");
            return ValueTask.FromResult(ImageInput.FromBytes(SampleRequests.PngBytes));
        });

        Assert.Equal(["input_images[0] https://images.example/a.png", "input_images[1] https://images.example/b.png"], seen);
        Assert.All(copy.InputImages!, image => Assert.Equal(ImageSourceKind.Bytes, image.Kind));
        Assert.Equal(7, copy.Seed);
        Assert.Equal([first, second], request.InputImages);
    }

    [Fact]
    public async Task A_request_without_images_is_copied_without_calling_the_replacer()
    {
        var request = new Flux2DevRequest { Prompt = "x" };

        var copy = await request.WithImagesAsync((_, _, _, _) => throw new InvalidOperationException("no image to replace"));

        Assert.Equal(request, copy);
        Assert.NotSame(request, copy);
    }
}
