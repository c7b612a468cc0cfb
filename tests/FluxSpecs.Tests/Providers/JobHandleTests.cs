using FluxSpecs.Jobs;

namespace FluxSpecs.Tests.Providers;

public sealed class JobHandleTests
{
    [Fact]
    public void A_saved_handle_reads_back_equal_with_its_links()
    {
        var handle = new JobHandle("bfl", "a1 b/2", new Dictionary<string, string>
        {
            ["polling_url"] = "https://api.eu2.bfl.ai/v1/get_result?id=a1&x=y",
            ["cost"] = "3.5",
        });

        var text = handle.ToString();
        var read = JobHandle.Parse(text);

        Assert.StartsWith("fluxspecs-job:bfl/", text, StringComparison.Ordinal);
        Assert.Equal(handle, read);
        Assert.Equal("a1 b/2", read.JobId);
        Assert.Equal("https://api.eu2.bfl.ai/v1/get_result?id=a1&x=y", read.Link("polling_url"));
    }

    [Theory]
    [InlineData("bfl/123")]
    [InlineData("fluxspecs-job:bfl")]
    [InlineData("fluxspecs-job:/123")]
    [InlineData("fluxspecs-job:bfl/123&novalue")]
    public void Text_that_is_not_a_saved_handle_is_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => JobHandle.Parse(text));
    }
}
