using System.Text;
using FluxSpecs.Jobs;
using FluxSpecs.Webhooks;

namespace FluxSpecs.Integration.Tests.Webhooks;

/// <summary>Altered copies of a captured delivery, and the comparison of a webhook's state with polling's.</summary>
public static class Deliveries
{
    /// <summary>The body with its image URLs pointed elsewhere: still valid JSON, no longer what was signed.</summary>
    public static WebhookDelivery Tampered(WebhookDelivery delivery)
    {
        var text = Encoding.UTF8.GetString(delivery.Body.Span);
        var tampered = text.Replace("http://127.0.0.1", "http://127.0.0.2", StringComparison.Ordinal);
        Assert.NotEqual(text, tampered);
        return new WebhookDelivery(Encoding.UTF8.GetBytes(tampered), delivery.Headers);
    }

    /// <summary>The same body with one header replaced, or removed when <paramref name="value"/> is null.</summary>
    public static WebhookDelivery WithHeader(WebhookDelivery delivery, string name, string? value)
    {
        var headers = delivery.Headers.Where(h => !string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (value is not null)
        {
            headers.Add(KeyValuePair.Create(name, value));
        }

        return new WebhookDelivery(delivery.Body, headers);
    }

    /// <summary>A webhook reports what polling reports: the same job, status and images.</summary>
    public static void AssertSameJob(JobState polled, JobState delivered)
    {
        Assert.Equal(polled.Handle.ProviderId, delivered.Handle.ProviderId);
        Assert.Equal(polled.Handle.JobId, delivered.Handle.JobId);
        Assert.Equal(polled.Status, delivered.Status);
        Assert.NotEmpty(delivered.Outputs);
        Assert.Equal(polled.Outputs.Select(o => o.Url), delivered.Outputs.Select(o => o.Url));
    }
}
