namespace AdversarialSampling.Dynamics;

/// <summary>Which bound of the <see cref="StabilityChecker"/> window a distance broke.</summary>
public enum StabilityViolationKind
{
    /// <summary>Two atoms came closer than <see cref="StabilityChecker.MinDistance"/>.</summary>
    TooClose,

    /// <summary>A distance (a pair, or an atom's nearest neighbour) exceeded <see cref="StabilityChecker.MaxDistance"/>.</summary>
    TooFar,
}
