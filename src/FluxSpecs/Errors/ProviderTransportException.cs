using FluxSpecs.Errors;

using FluxSpecs.Providers;

namespace FluxSpecs.Errors;

/// <summary>No answer came from the provider: the connection failed, was dropped, or timed out.</summary>
public sealed class ProviderTransportException(string providerId, string operation, string what, Exception inner)
    : ProviderException(providerId, operation, null, null, what, jobMayExist: operation == ProviderHttp.Create, inner);
