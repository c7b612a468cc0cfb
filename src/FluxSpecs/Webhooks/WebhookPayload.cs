using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;

namespace FluxSpecs.Webhooks;

/// <summary>
/// Reads a webhook body into a <see cref="JobState"/> without checking where it came from. The verifiers use it after
/// checking the signature; call it directly only for providers that sign nothing.
/// </summary>
/// <remarks>
/// <para>
/// Magnific and core.today document no webhook signature, so anyone who learns the URL can post to it. Treat what such a
/// delivery says as a hint: look the job up by <c>State.Handle.JobId</c> among the jobs you submitted, and confirm with
/// <see cref="IProviderProtocol.GetStateAsync"/> on the handle the submit returned before acting on it.
/// </para>
/// <para>
/// A webhook carries less than a submit: fal's webhook has no status or response URLs and Magnific's no endpoint, so
/// <c>State.Handle</c> names the job but cannot be polled with; keep the handle <see cref="IProviderProtocol.SubmitAsync"/>
/// gave. Bodies: Replicate the prediction, BFL the <c>get_result</c> object, fal
/// <c>{request_id, status: OK|ERROR, payload, error}</c>, Magnific the task (with or without <c>data</c>), core.today
/// the job.
/// </para>
/// </remarks>
public static class WebhookPayload
{
    /// <summary>The registered providers that send webhooks (those with <see cref="ProviderDefinition.ReadWebhook"/>).</summary>
    public static IReadOnlyList<string> ProviderIds =>
        [.. ProviderRegistry.All.Where(provider => provider.ReadWebhook is not null).Select(provider => provider.Id)];

    /// <summary>Reads a webhook body of <paramref name="providerId"/>; false when it is not a payload that provider sends.</summary>
    /// <exception cref="ArgumentException">The provider sends no webhooks.</exception>
    public static bool TryParse(string providerId, ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JobState? state)
    {
        state = Read(providerId, body, DateTimeOffset.UtcNow).State;
        return state is not null;
    }

    /// <summary>The body as a job state, or a <see cref="WebhookFailure.MalformedBody"/> rejection.</summary>
    internal static WebhookVerification Read(string providerId, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        if (!ProviderRegistry.TryGet(providerId, out var provider) || provider.ReadWebhook is not { } read)
        {
            throw new ArgumentException($"'{providerId}' sends no webhooks; those that do: {string.Join(", ", ProviderIds)}.", nameof(providerId));
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Malformed("the body is not a JSON object");
            }

            return read(root, now) is { } state
                ? WebhookVerification.Accepted(state)
                : Malformed($"the body is not a {providerId} webhook payload (no job id or status)");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return Malformed($"the body cannot be read as a {providerId} webhook payload ({e.GetType().Name})");
        }
    }

    private static WebhookVerification Malformed(string reason) => WebhookVerification.Rejected(WebhookFailure.MalformedBody, reason);
}
