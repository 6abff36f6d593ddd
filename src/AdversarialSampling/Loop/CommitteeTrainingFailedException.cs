namespace AdversarialSampling.Loop;

/// <summary>
/// A generation's committee training diverged before a single epoch finished (every try rolled back, the learning rate
/// halved each time, until <see cref="Committees.TrainingOptions.MaxRollbacks"/>), so the committee holds its untrained
/// initial weights. The loop stops there: it does not explore with them or pay the oracle for the geometries they would
/// propose. Nothing of the generation's training is committed. Training is deterministic, so a resume with the same
/// settings would diverge again: the run is recorded as stopped for good (<see cref="LoopStopReason.TrainingFailed"/>,
/// <see cref="ActiveLearningLoop.ReadStop"/>) and a resume throws <see cref="RunStoppedException"/>. Lower
/// <see cref="Committees.TrainingOptions.LearningRate"/> (or check the data's scale) and start a new run.
/// </summary>
public sealed class CommitteeTrainingFailedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public CommitteeTrainingFailedException()
        : base("The committee's training diverged before it finished an epoch.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public CommitteeTrainingFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CommitteeTrainingFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a generation whose training gave up.</summary>
    /// <param name="generation">The generation (≥ 0).</param>
    /// <param name="rollbacks">The rollbacks before training gave up (≥ 0).</param>
    /// <param name="learningRate">The configured learning rate (the first try's), or null when unknown (a committee factory's).</param>
    /// <param name="runDirectory">The run directory.</param>
    public CommitteeTrainingFailedException(int generation, int rollbacks, double? learningRate, string runDirectory)
        : base(FormattableString.Invariant(
            $"Generation {generation}: the committee's training diverged before it finished a single epoch ({rollbacks} rollbacks, the learning rate halved {(learningRate is double lr ? FormattableString.Invariant($"from {lr:G3} ") : "")}each time), so its weights are untrained. The loop stopped before exploring with it, so the oracle was not paid for the geometries it would propose; everything before, this generation's labels included, is committed in '{runDirectory}'. Lower Training.LearningRate (run config 'committee.training.learningRate') or check the energies' scale, and start a new run."))
    {
        Generation = generation;
        Rollbacks = rollbacks;
    }

    /// <summary>The generation whose training failed (−1 when unknown).</summary>
    public int Generation { get; } = -1;

    /// <summary>The rollbacks before training gave up (−1 when unknown).</summary>
    public int Rollbacks { get; } = -1;
}
