using FluxSpecs.Errors;
using System.Net;
using System.Text.Json;
using FluxSpecs.Providers;

namespace FluxSpecs.Tests.Providers;

public sealed class ProviderErrorsTests
{
    [Theory]
    [InlineData("""{"error":{"code":"RATE_LIMITED","message":"Slow down"}}""", "RATE_LIMITED", "Slow down")]
    [InlineData("""{"error":"Prediction failed"}""", null, "Prediction failed")]
    [InlineData("""{"detail":"Request was throttled. Your rate limit resets in ~30s.","title":"Too Many Requests"}""", "Too Many Requests", "Request was throttled. Your rate limit resets in ~30s.")]
    [InlineData("""{"detail":[{"loc":["body","width"],"msg":"ensure this value is greater than or equal to 64","type":"value_error"}]}""", "validation_error", "body.width: ensure this value is greater than or equal to 64")]
    [InlineData("""{"message":"Invalid API key"}""", null, "Invalid API key")]
    public void Each_providers_error_shape_gives_its_code_and_message(string json, string? code, string? message)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal((code, message), ProviderErrors.Read(document.RootElement));
    }

    [Fact]
    public void A_create_that_failed_with_a_server_error_says_a_job_may_exist()
    {
        var exception = new ProviderException("replicate", "create", HttpStatusCode.BadGateway, null, "upstream", jobMayExist: true);

        Assert.Equal("replicate create failed (HTTP 502): upstream. A job may have been created (and billed); check with the provider before sending again.", exception.Message);
    }

    [Fact]
    public void A_rejected_create_says_no_job_was_made()
    {
        var exception = new ProviderException("bfl", "create", HttpStatusCode.UnprocessableEntity, "validation_error", "width too small", jobMayExist: false);

        Assert.Equal("bfl create failed (HTTP 422): validation_error: width too small. No job was created.", exception.Message);
    }

    [Fact]
    public void A_connection_never_shows_its_key()
    {
        var connection = new ProviderConnection(new HttpClient(), new Uri("https://api.bfl.ai"), "secret-key-123");

        Assert.DoesNotContain("secret-key-123", connection.ToString(), StringComparison.Ordinal);
        Assert.Equal(new Uri("https://api.bfl.ai/v1/flux-2-pro"), connection.Url("v1/flux-2-pro"));
    }
}
