namespace AdversarialSampling.Models;

/// <summary>
/// Derives the initialisation seed of each committee member from the committee seed, so members are
/// independent but reproducible: seed(m) = committeeSeed × 1 000 003 + m (computed in 64 bits).
/// The same member gets the same seed whatever the layout (stacked or per-member) or member count.
/// </summary>
public static class MemberSeed
{
    /// <summary>The multiplier (a prime) that separates the seeds of different committee seeds.</summary>
    public const long Multiplier = 1_000_003;

    /// <summary>The seed of member <paramref name="member"/> of a committee with seed <paramref name="committeeSeed"/>.</summary>
    /// <param name="committeeSeed">Committee seed.</param>
    /// <param name="member">Zero-based member index.</param>
    /// <returns>The member's seed for <c>torch.Generator</c>.</returns>
    public static long For(int committeeSeed, int member)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        return (committeeSeed * Multiplier) + member;
    }
}
