namespace AdversarialSampling.Models;

/// <summary>
/// The one scheme for initialisation seeds of committee members (every built-in model: coordinate MLP and
/// SchNet): seed(m) = committeeSeed × 1 000 003 + m, computed in 64 bits. Each member draws its initial
/// weights from its own <c>torch.Generator</c> seeded with this value (as an unsigned 64-bit integer), so
/// members are independent, reproducible, and the same member gets the same weights whatever the layout
/// (stacked or per-member) or the member count. Distinct (committeeSeed, m) pairs with m &lt; 1 000 003 get
/// distinct seeds.
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
