namespace FluxSpecs.Clients;

/// <summary>Options of <see cref="FluxSpecsClient"/>: per provider, and for retries, polling and downloads.</summary>
public sealed class FluxSpecsOptions
{
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Per provider id (<c>bfl</c>, <c>replicate</c> …).</summary>
    public Dictionary<string, ProviderOptions> Providers { get; } = new(StringComparer.Ordinal);

    /// <summary>Retrying reads; timeouts.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Waiting for jobs.</summary>
    public PollingOptions Polling { get; set; } = new();

    /// <summary>The largest output a download accepts. Default 64 MiB.</summary>
    public long MaxDownloadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The largest provider answer (JSON) read; a larger one is a <see cref="FluxSpecs.Errors.ProviderException"/>. Answers
    /// that carry images inline (Lumenfall's <c>b64_json</c>, fal's <c>sync_mode</c>) count their images. Default 64 MiB.
    /// </summary>
    public long MaxResponseBytes { get; set; } = FluxSpecs.Providers.ProviderConnection.DefaultMaxResponseBytes;

    /// <summary>
    /// Allows downloading outputs over plain http from loopback addresses (the emulator). Off by default: outputs must
    /// come over https.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>
    /// For providers that can hold the create open until the job is done (Replicate's <c>Prefer: wait</c>): how long to
    /// wait there before polling. Default 60 s (Replicate's maximum); null never asks.
    /// </summary>
    public TimeSpan? CreateWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The clock of retry delays, timeouts and polling; <see cref="TimeProvider.System"/> by default. A fake one (a test's)
    /// makes those waits take no real time. With dependency injection, a <see cref="System.TimeProvider"/> registered in
    /// the container is used unless this was set to another.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value), "FluxSpecsOptions.TimeProvider cannot be null; TimeProvider.System is the real clock.");
    }

    /// <summary>The options of <paramref name="providerId"/>, created empty when missing.</summary>
    public ProviderOptions For(string providerId)
    {
        if (!Providers.TryGetValue(providerId, out var options))
        {
            Providers[providerId] = options = new ProviderOptions();
        }

        return options;
    }
}
