using System.Diagnostics.CodeAnalysis;
using FluxSpecs.Jobs;

namespace FluxSpecs.Webhooks;

/// <summary>
/// The outcome of checking a webhook delivery: the job state it reports (in the same vocabulary polling gives), or why it
/// was rejected. A rejected delivery should be answered with a 4xx and otherwise ignored.
/// </summary>
public sealed record WebhookVerification
{
    private WebhookVerification()
    {
    }

    /// <summary>True when the delivery is authentic, fresh and readable; <see cref="State"/> then holds the job state.</summary>
    [MemberNotNullWhen(true, nameof(State))]
    public bool IsValid => State is not null;

    /// <summary>The job state the delivery reports, when it is valid.</summary>
    public JobState? State { get; private init; }

    /// <summary>Why the delivery was rejected, when it was.</summary>
    public WebhookFailure? Failure { get; private init; }

    /// <summary>A sentence on the rejection (which header, how old); it never contains a secret or a signature.</summary>
    public string? Reason { get; private init; }

    /// <summary>A valid delivery reporting <paramref name="state"/>.</summary>
    public static WebhookVerification Accepted(JobState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new WebhookVerification { State = state };
    }

    /// <summary>A rejected delivery.</summary>
    public static WebhookVerification Rejected(WebhookFailure failure, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new WebhookVerification { Failure = failure, Reason = reason };
    }
}
