namespace AdversarialSampling.Loop;

/// <summary>How the committee of each generation starts its training.</summary>
public enum RetrainingMode
{
    /// <summary>Fresh weights every generation, from a seed derived from (loop seed, generation) — the paper's choice and the default.</summary>
    Reinitialize,

    /// <summary>
    /// Continue from the previous generation's trained weights (loaded from its checkpoint after a resume). Needs a
    /// checkpointable committee (<see cref="ActiveLearningLoopBuilder.WithCommittee(Models.ModelSpec, Committees.CommitteeOptions?)"/>).
    /// </summary>
    WarmStart,
}
