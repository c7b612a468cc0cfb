using System.ComponentModel;
using FluxSpecs.Mapping;

namespace FluxSpecs.GeneratedCode;

/// <summary>Argument checks shared by the generated <see cref="IModelRequest.CreatePayload(string)"/> methods.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PayloadGuard
{
    /// <summary>
    /// <c>local</c>, the built-in emulator, has no body of its own: it speaks every provider's protocol under
    /// <c>/{provider-id}/</c>, so a request for it is mapped with the id of the provider whose protocol it emulates.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="providerId"/> is <c>local</c>.</exception>
    public static void ThrowIfLocal(string providerId)
    {
        if (providerId == ProviderIds.Local)
        {
            throw new ArgumentException(
                "'local' (the built-in emulator) has no payload of its own: it speaks each provider's protocol. "
                + "Create the payload for the provider whose protocol it should emulate (for example 'bfl').",
                nameof(providerId));
        }
    }
}
