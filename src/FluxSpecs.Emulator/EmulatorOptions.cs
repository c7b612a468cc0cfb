using FluxSpecs.Catalog;
using FluxSpecs.Emulator.Faults;

namespace FluxSpecs.Emulator;

/// <summary>How the emulator behaves: port, simulated times, faults, keys, webhook secrets and clock.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The models the emulator serves: request bodies are checked against these cards, and a provider model id that no
    /// card gives is refused as the provider would. Default: the shipped cards (<see cref="Models.ModelCatalog"/>).
    /// </summary>
    public IReadOnlyList<ModelDescriptor> Models { get; set; } = FluxSpecs.Models.ModelCatalog.Models;

    /// <summary>How long a job waits in the simulated queue (default 5 ms).</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a job runs once started (default 15 ms).</summary>
    public TimeSpan RunTime { get; set; } = TimeSpan.FromMilliseconds(15);

    /// <summary>
    /// False (the default): fields a provider does not know are accepted and ignored, as the providers do, and listed in
    /// the create response's <c>X-Emulator-Ignored-Fields</c> header and the job's <c>ignored_fields</c> at
    /// <c>/_emulator/jobs</c>. True: they are refused in the provider's error shape, naming the field. Values out of
    /// range, of the wrong type or not allowed are refused either way.
    /// </summary>
    public bool Strict { get; set; }

    /// <summary>Faults for the whole run (per-request faults come from the <c>X-Emulator-Fault</c> header).</summary>
    public FaultPlan Faults { get; set; } = FaultPlan.None;

    /// <summary>
    /// The key each provider accepts, by provider id. A provider without an entry accepts any non-empty key in its auth
    /// header.
    /// </summary>
    public IDictionary<string, string> ApiKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Replicate's webhook signing secret (<c>whsec_…</c>); a random one when null.</summary>
    public string? ReplicateWebhookSecret { get; set; }

    /// <summary>The 32-byte Ed25519 private key that signs fal webhooks; a random one when null.</summary>
    public byte[]? FalWebhookPrivateKey { get; set; }

    /// <summary>The user id fal webhooks carry in <c>X-Fal-Webhook-User-Id</c>.</summary>
    public string FalUserId { get; set; } = "fluxspecs-emulator";

    /// <summary>The clock job states follow; a fake <see cref="TimeProvider"/> makes time explicit in tests.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The longest a synchronous call waits (Replicate's <c>Prefer: wait</c> cap, Lumenfall's requests).</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a webhook is tried before it is logged as failed.</summary>
    public int WebhookAttempts { get; set; } = 3;
}
