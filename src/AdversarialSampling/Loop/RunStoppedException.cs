namespace AdversarialSampling.Loop;

/// <summary>
/// <see cref="ActiveLearningLoop.ResumeAsync"/> was called on a run that stopped for good: a generation's oracle
/// failure ratio exceeded <see cref="ActiveLearningLoopBuilder.WithMaxFailureRatio"/>, or its committee training
/// diverged before it finished an epoch (see <see cref="ActiveLearningLoop.ReadStop(Runs.RunStore)"/>). Inspect the
/// message, the last report and the failures recorded in the run store, then start a new run.
/// </summary>
public sealed class RunStoppedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public RunStoppedException()
        : base("The run stopped.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public RunStoppedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RunStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
