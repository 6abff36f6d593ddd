namespace AdversarialSampling.Loop;

/// <summary>Whether the run goes on after a generation's report.</summary>
public enum LoopStopReason
{
    /// <summary>The run continues with the next generation.</summary>
    None,

    /// <summary>This was the last generation (<see cref="ActiveLearningLoopBuilder.WithGenerations"/>); the run is complete.</summary>
    Completed,

    /// <summary>
    /// The generation's oracle failure ratio exceeded <see cref="ActiveLearningLoopBuilder.WithMaxFailureRatio"/>: its good
    /// labels were merged, the committee was not retrained, and the run stopped for good (resuming it throws
    /// <see cref="RunStoppedException"/>).
    /// </summary>
    FailureRatioExceeded,

    /// <summary>
    /// The generation's committee training diverged before it finished an epoch
    /// (<see cref="CommitteeTrainingFailedException"/>): the run stopped for good before exploring, and no report was
    /// written for that generation (resuming it throws <see cref="RunStoppedException"/>; training would diverge again).
    /// </summary>
    TrainingFailed,
}
