using System.Security.Cryptography;
using System.Text;

namespace FluxSpecs.Emulator.Jobs;

/// <summary>How create calls are grouped under a job key for <see cref="JobStore.CreateCount"/>.</summary>
internal static class JobKeys
{
    /// <summary>The header a client (or test) sets to name the job key explicitly.</summary>
    public const string HeaderName = "X-Emulator-Job-Key";

    /// <summary>The key of a create call without a key header: a hash of provider, path and body.</summary>
    public static string FromBody(string providerId, string path, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(providerId + "\n" + path + "\n"));
        hash.AppendData(body);
        return "body:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
