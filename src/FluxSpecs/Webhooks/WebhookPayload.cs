using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using FluxSpecs.Jobs;
using FluxSpecs.Providers;
using FluxSpecs.Providers.Bfl;
using FluxSpecs.Providers.CoreToday;
using FluxSpecs.Providers.Fal;
using FluxSpecs.Providers.Magnific;
using FluxSpecs.Providers.Replicate;

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
    /// <summary>The providers that send webhooks: Replicate, BFL and fal sign them; Magnific and core.today do not.</summary>
    public static IReadOnlyList<string> ProviderIds { get; } =
    [
        FluxSpecs.ProviderIds.Replicate,
        FluxSpecs.ProviderIds.Bfl,
        FluxSpecs.ProviderIds.Fal,
        FluxSpecs.ProviderIds.Magnific,
        FluxSpecs.ProviderIds.CoreToday,
    ];

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
        if (!ProviderIds.Contains(providerId))
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

            var state = providerId switch
            {
                FluxSpecs.ProviderIds.Replicate => root.String("id") is null ? null : ReplicateProtocol.Parse(root),
                FluxSpecs.ProviderIds.Bfl => (root.String("id") ?? root.String("task_id")) is { } id
                    ? BflProtocol.Parse(new JobHandle(providerId, id), root, now)
                    : null,
                FluxSpecs.ProviderIds.Fal => Fal(root),
                FluxSpecs.ProviderIds.Magnific => (root.Property("data") ?? root) is var task && task.String("task_id") is { } taskId
                    ? MagnificProtocol.Parse(new JobHandle(providerId, taskId), task)
                    : null,
                _ => root.String("job_id") is not null || root.String("id") is not null ? CoreTodayProtocol.Parse(root, "webhook") : null,
            };
            return state is null ? Malformed($"the body is not a {providerId} webhook payload (no job id or status)") : WebhookVerification.Accepted(state);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return Malformed($"the body cannot be read as a {providerId} webhook payload ({e.GetType().Name})");
        }
    }

    /// <summary>fal's <c>{request_id, status: OK|ERROR, payload, error, payload_error}</c>.</summary>
    private static JobState? Fal(JsonElement root)
    {
        if (root.String("request_id") is not { } id || root.String("status") is not { } status || status is not ("OK" or "ERROR"))
        {
            return null;
        }

        var payload = root.Property("payload");
        var handle = new JobHandle(FluxSpecs.ProviderIds.Fal, id);
        return status == "OK"
            ? new JobState
            {
                Handle = handle,
                Status = JobStatus.Succeeded,
                ProviderStatus = status,
                ErrorMessage = root.String("payload_error"),
                Outputs = payload is { } result ? FalProtocol.Outputs(result) : [],
            }
            : FalError(handle, status, payload, root.String("error") ?? root.String("payload_error"));
    }

    /// <summary>A failed request's payload is the error body the result URL would give: <c>{detail: [{loc, msg, type}]}</c>.</summary>
    private static JobState FalError(JobHandle handle, string status, JsonElement? payload, string? message)
    {
        var code = payload?.Property("detail") is { ValueKind: JsonValueKind.Array } detail && detail.GetArrayLength() > 0 ? detail[0].String("type") : null;
        return new JobState
        {
            Handle = handle,
            Status = Providers.Moderation.FailedOrModerated(code, message),
            ProviderStatus = status,
            ErrorCode = code,
            ErrorMessage = message,
        };
    }

    private static WebhookVerification Malformed(string reason) => WebhookVerification.Rejected(WebhookFailure.MalformedBody, reason);
}
