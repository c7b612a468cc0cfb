using System.Collections.ObjectModel;
using System.Text;

namespace FluxSpecs.Jobs;

/// <summary>
/// Identifies a job so that it can be asked about again, also from another process: the provider, the provider's job
/// id, and the URLs the provider handed out for it (BFL's <c>polling_url</c>, fal's status and response URLs), which
/// must be used as given rather than rebuilt.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> gives a string to save; <see cref="Parse"/> reads it back. The string carries no secret.
/// </remarks>
public sealed class JobHandle : IEquatable<JobHandle>
{
    private const string Prefix = "fluxspecs-job:";

    /// <summary>Creates a handle.</summary>
    public JobHandle(string providerId, string jobId, IReadOnlyDictionary<string, string>? links = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ProviderId = providerId;
        JobId = jobId;
        Links = new ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(
            links is null ? new Dictionary<string, string>() : new Dictionary<string, string>(links), StringComparer.Ordinal));
    }

    /// <summary>The provider id.</summary>
    public string ProviderId { get; }

    /// <summary>The provider's id of the job.</summary>
    public string JobId { get; }

    /// <summary>Named URLs and values the provider gave for the job (<c>polling_url</c>, <c>status_url</c> …).</summary>
    public IReadOnlyDictionary<string, string> Links { get; }

    /// <summary>A link by name, or null.</summary>
    public string? Link(string name) => Links.TryGetValue(name, out var value) ? value : null;

    /// <summary>Reads a handle saved with <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text is not a saved job handle.</exception>
    public static JobHandle Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"A saved job handle starts with '{Prefix}'.");
        }

        var parts = text[Prefix.Length..].Split('&');
        var head = parts[0].Split('/', 2);
        if (head.Length != 2 || head[0].Length == 0 || head[1].Length == 0)
        {
            throw new FormatException("A saved job handle names a provider and a job id: 'fluxspecs-job:<provider>/<job id>'.");
        }

        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                throw new FormatException($"'{part}' in a saved job handle is not name=value.");
            }

            links[Uri.UnescapeDataString(pair[0])] = Uri.UnescapeDataString(pair[1]);
        }

        return new JobHandle(Uri.UnescapeDataString(head[0]), Uri.UnescapeDataString(head[1]), links);
    }

    /// <summary>The handle as a string to save: <c>fluxspecs-job:provider/job-id&amp;name=value…</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Prefix).Append(Uri.EscapeDataString(ProviderId)).Append('/').Append(Uri.EscapeDataString(JobId));
        foreach (var (name, value) in Links)
        {
            builder.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public bool Equals(JobHandle? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as JobHandle);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
