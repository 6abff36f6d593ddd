namespace AdversarialSampling.Selection;

/// <summary>How the per-generation cap chooses among candidates that passed every other rule.</summary>
public enum CapMode
{
    /// <summary>A uniform random subset, reproducible for <see cref="SelectionOptions.Seed"/> (the paper's choice, default).</summary>
    Random,

    /// <summary>The highest scores (ties: lower candidate index first).</summary>
    ByScore,
}
