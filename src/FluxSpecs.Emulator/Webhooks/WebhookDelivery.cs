namespace FluxSpecs.Emulator.Webhooks;

/// <summary>A webhook call the emulator made (or refused to make), for tests and the CLI to inspect.</summary>
/// <param name="ProviderId">The provider whose webhook it is.</param>
/// <param name="JobId">The job.</param>
/// <param name="Event">What happened (<c>start</c>, <c>completed</c> …).</param>
/// <param name="Url">Where it was sent.</param>
/// <param name="StatusCode">The receiver's last HTTP status, or null when no response came.</param>
/// <param name="Delivered">True when the receiver answered 2xx.</param>
/// <param name="Attempts">How many times it was tried (0 when refused).</param>
/// <param name="Error">Why it was not delivered, or null.</param>
internal sealed record WebhookDelivery(string ProviderId, string JobId, string Event, Uri Url, int? StatusCode, bool Delivered, int Attempts, string? Error);
