namespace AdversarialSampling.Models;

/// <summary>Deterministic per-member random seeds of a committee.</summary>
internal static class MemberSeeds
{
    /// <summary>
    /// The seed of member <paramref name="member"/> of a committee with seed <paramref name="seed"/>:
    /// SplitMix64 of (seed · 2³² + member), so members get unrelated streams and the same (seed, member)
    /// always gives the same member.
    /// </summary>
    /// <param name="seed">Committee seed.</param>
    /// <param name="member">Zero-based member index.</param>
    /// <returns>A 64-bit seed for a <c>torch.Generator</c>.</returns>
    public static ulong Derive(int seed, int member)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) + (uint)member + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
