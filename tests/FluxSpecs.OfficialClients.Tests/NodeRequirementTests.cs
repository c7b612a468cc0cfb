namespace FluxSpecs.OfficialClients.Tests;

/// <summary>Without Node 20 the official-client tests fail, saying how to get it; they are never skipped.</summary>
public sealed class NodeRequirementTests
{
    [Fact]
    public void A_path_without_node_fails_with_how_to_get_node_20()
    {
        var empty = Directory.CreateTempSubdirectory("fluxspecs-no-node-").FullName;
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => Node.FindNode(empty));

            Assert.Contains("`node` was not found on PATH", error.Message, StringComparison.Ordinal);
            Assert.Contains("Install Node.js 20", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Theory]
    [InlineData("v18.19.1\n")]
    [InlineData("v16.0.0")]
    public void A_node_older_than_20_fails_with_how_to_get_node_20(string printed)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Node.ParseVersion(printed));

        Assert.Contains("20 or later is needed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Install Node.js 20", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v20.20.2\n", 20)]
    [InlineData("v22.11.0", 22)]
    public void Node_20_or_later_is_accepted(string printed, int major) => Assert.Equal(major, Node.ParseVersion(printed).Major);
}
