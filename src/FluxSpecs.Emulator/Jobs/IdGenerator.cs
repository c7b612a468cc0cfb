using System.Security.Cryptography;

namespace FluxSpecs.Emulator.Jobs;

/// <summary>Ids in the shapes the providers use.</summary>
internal static class IdGenerator
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A lower-case UUID (<c>046b6c7f-0b8a-43b9-b35d-6489e6daee91</c>): BFL, fal, Magnific, Vtrix.</summary>
    public static string Uuid() => Guid.NewGuid().ToString("D");

    /// <summary>A 26-character base32 id like Replicate's prediction ids.</summary>
    public static string Replicate()
    {
        Span<byte> bytes = stackalloc byte[26];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(26, bytes.ToArray(), static (chars, b) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Base32[b[i] & 31];
            }
        });
    }

    /// <summary>An id with a prefix and 24 hex digits (<c>req_…</c>, <c>job_…</c>).</summary>
    public static string Prefixed(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
