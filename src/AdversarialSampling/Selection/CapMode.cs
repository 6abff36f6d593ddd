namespace AdversarialSampling.Selection;

/// <summary>How the per-generation cap chooses among candidates that passed every other rule.</summary>
public enum CapMode
{
    /// <summary>A uniform random subset, reproducible for <see cref="SelectionOptions.Seed"/> (the paper's choice, default).</summary>
    Random,

    /// <summary>The highest scores (ties: lower candidate index first).</summary>
    ByScore,

    /// <summary>
    /// Greedy farthest-point (max-min) coverage: repeatedly keep the eligible candidate whose RMSD to the nearest
    /// training structure or already-kept candidate is largest (ties: higher score, then lower index), until the cap
    /// is filled. Spreads the labels over the region the candidates cover instead of spending them where many attacks
    /// converged (mode collapse). Deterministic; <see cref="SelectionOptions.Seed"/> is not used.
    /// </summary>
    FarthestPoint,
}
