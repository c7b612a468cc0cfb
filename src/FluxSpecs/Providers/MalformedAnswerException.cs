using FluxSpecs.Errors;

namespace FluxSpecs.Providers;

/// <summary>
/// Thrown while reading a provider's answer that lacks what every such answer has (an id, a required URL). It never
/// reaches a caller: <see cref="ProviderResponse.Read{T}"/> turns it into a <see cref="ProviderException"/> with the
/// call's status and operation, and webhook parsing into a rejected delivery.
/// </summary>
internal sealed class MalformedAnswerException(string message) : FormatException(message);
