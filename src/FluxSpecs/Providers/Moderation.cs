using FluxSpecs.Jobs;

namespace FluxSpecs.Providers;

/// <summary>
/// Tells a moderated job from a failed one where a provider reports both as a failure and says which only in its
/// error: Vtrix's code <c>content_moderated</c>, fal's <c>content_policy_violation</c>, Lumenfall's
/// <c>CONTENT_POLICY_VIOLATION</c>, and Replicate's (and core.today's) <c>E005</c>, "flagged as sensitive". BFL has
/// statuses of its own for it; Magnific documents none, so its moderated tasks stay failed.
/// </summary>
internal static class Moderation
{
    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase) { "content_moderated", "content_policy_violation", "E005" };

    /// <summary><see cref="JobStatus.Moderated"/> when the error says so, else <see cref="JobStatus.Failed"/>.</summary>
    public static JobStatus FailedOrModerated(string? code, string? message) =>
        IsModeration(code, message) ? JobStatus.Moderated : JobStatus.Failed;

    /// <summary>Whether an error code, or a message ending in Replicate's <c>(E005)</c>, means moderation.</summary>
    public static bool IsModeration(string? code, string? message) =>
        (code is not null && Codes.Contains(code)) || (message?.Contains("(E005)", StringComparison.Ordinal) ?? false);
}
