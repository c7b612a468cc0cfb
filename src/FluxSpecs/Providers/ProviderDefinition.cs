using System.Text.Json;
using FluxSpecs.Jobs;

namespace FluxSpecs.Providers;

/// <summary>
/// Everything FluxSpecs knows about a provider apart from the models it sells: who it is, where it is, how it takes a
/// key, how a create body is shaped, what its protocol can do, how to speak it, and how to read its webhooks. Each
/// provider's folder holds its definition; <see cref="ProviderRegistry"/> lists them.
/// </summary>
public sealed class ProviderDefinition
{
    /// <summary>The id used in cards, code, the CLI, environment variables and emulator paths (<c>bfl</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The name people know it by (<c>Black Forest Labs</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>The public API's base URL.</summary>
    public required Uri DefaultBaseUrl { get; init; }

    /// <summary>The environment variable that holds the key (<c>BFL_API_KEY</c>).</summary>
    public required string KeyVariable { get; init; }

    /// <summary>The environment variable that overrides the base URL: <c>FLUXSPECS_{ID}_BASE_URL</c> (<c>core-today</c> → <c>CORE_TODAY</c>).</summary>
    public string BaseUrlVariable => "FLUXSPECS_" + Id.Replace('-', '_').ToUpperInvariant() + "_BASE_URL";

    /// <summary>How the key is sent.</summary>
    public required ProviderAuth Auth { get; init; }

    /// <summary>Where the create body puts the model's input and the model id.</summary>
    public required BodyEnvelope Body { get; init; }

    /// <summary>
    /// The most jobs the provider documents as active at once per key (BFL: 24), which a batch keeps to; null when the
    /// provider documents none.
    /// </summary>
    public int? MaxActiveJobs { get; init; }

    /// <summary>
    /// The most creates per second the provider documents per key (Replicate: 600 a minute, so 10), which a batch keeps
    /// to; null when the provider documents none (a batch then sends creates as fast as its active-job limit allows).
    /// </summary>
    public double? MaxCreatesPerSecond { get; init; }

    /// <summary>What the protocol can do beyond create and status.</summary>
    public ProviderCapabilities Capabilities { get; init; }

    /// <summary>Makes the protocol over a connection.</summary>
    public required Func<ProviderConnection, IProviderProtocol> CreateProtocol { get; init; }

    /// <summary>
    /// Reads a webhook body (a JSON object) into a job state at a given time, or null when it is not a payload this
    /// provider sends. Null for a provider that sends no webhooks.
    /// </summary>
    public Func<JsonElement, DateTimeOffset, JobState?>? ReadWebhook { get; init; }

    /// <summary>Whether the protocol can do all of <paramref name="capabilities"/>.</summary>
    public bool Can(ProviderCapabilities capabilities) => (Capabilities & capabilities) == capabilities;

    /// <inheritdoc />
    public override string ToString() => Id + " (" + DisplayName + ")";
}
