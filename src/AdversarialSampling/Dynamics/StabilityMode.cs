namespace AdversarialSampling.Dynamics;

/// <summary>Which distances the upper bound <see cref="StabilityChecker.MaxDistance"/> applies to.</summary>
public enum StabilityMode
{
    /// <summary>
    /// Every pair must lie in [d_min, d_max]: the criterion of the paper's NH3 test, where all pairs (N–H ≈ 1.0 Å,
    /// H–H ≈ 1.6 Å) count. Suited to small molecules only.
    /// </summary>
    AllPairs,

    /// <summary>
    /// Every pair must be at least d_min apart, and each atom's nearest neighbour must be at most d_max away (an atom
    /// that flies off or a fragment of one atom counts, two far-apart atoms of a large molecule do not). Suited to
    /// larger molecules and condensed phases.
    /// </summary>
    NearestNeighbor,
}
