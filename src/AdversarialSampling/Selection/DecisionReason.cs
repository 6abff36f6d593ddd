namespace AdversarialSampling.Selection;

/// <summary>Why a candidate was accepted or rejected. Rules apply in this order; the first that rejects decides.</summary>
public enum DecisionReason
{
    /// <summary>Passed every rule.</summary>
    Accepted,

    /// <summary>Non-finite score, a null candidate, or atoms closer than <see cref="SelectionOptions.MinimumInteratomicDistance"/>.</summary>
    Invalid,

    /// <summary>Score below the uncertainty threshold.</summary>
    BelowThreshold,

    /// <summary>Within <see cref="SelectionOptions.DistanceToTraining"/> (RMSD) of a training structure.</summary>
    DuplicateOfTraining,

    /// <summary>Within <see cref="SelectionOptions.DistanceBetweenCandidates"/> (RMSD) of a kept candidate with a higher score (or chosen earlier).</summary>
    DuplicateOfCandidate,

    /// <summary>In the single-linkage cluster of a kept candidate but farther than the radius from it (linked through others).</summary>
    ClusterMember,

    /// <summary>Passed every rule but fell outside the per-generation cap.</summary>
    Capped,
}
