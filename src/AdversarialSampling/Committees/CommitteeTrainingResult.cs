using System.Collections.Immutable;

namespace AdversarialSampling.Committees;

/// <summary>Summary of a committee training run.</summary>
public sealed record CommitteeTrainingResult
{
    /// <summary>Epochs run.</summary>
    public int Epochs { get; init; }

    /// <summary>Best validation loss of each member (length M; training loss if there was no validation data).</summary>
    public ImmutableArray<double> BestValidationLoss { get; init; } = [];

    /// <summary>Epoch (one-based) at which each member's kept weights were reached.</summary>
    public ImmutableArray<int> BestEpoch { get; init; } = [];

    /// <summary>Number of times a divergence (non-finite loss or weights) was rolled back.</summary>
    public int Rollbacks { get; init; }

    /// <summary>
    /// True if training gave up after <see cref="TrainingOptions.MaxRollbacks"/> rollbacks; the committee then
    /// holds the best weights reached before (or its initial weights if no epoch succeeded).
    /// </summary>
    public bool Diverged { get; init; }

    /// <summary>True if early stopping ended training before the epoch limit.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Wall time of the training.</summary>
    public TimeSpan Elapsed { get; init; }
}
