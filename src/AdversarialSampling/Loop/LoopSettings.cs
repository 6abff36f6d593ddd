using System.Collections.Immutable;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Loop;

/// <summary>The validated, immutable configuration of a loop (built by <see cref="ActiveLearningLoopBuilder"/>).</summary>
internal sealed record LoopSettings
{
    public ModelSpec? Spec { get; init; }

    public CommitteeOptions? CommitteeOptions { get; init; }

    public Func<int, ICommittee>? CommitteeFactory { get; init; }

    /// <summary>The type the committee factory returns (null without a factory).</summary>
    public Type? CommitteeFactoryType { get; init; }

    /// <summary>True when committees are TorchCommittees (differentiable and checkpointable).</summary>
    public bool TorchCommittees { get; init; }

    public required IOracle Oracle { get; init; }

    public required IUncertaintyMetric Metric { get; init; }

    public required ImmutableArray<LoopExplorer> Explorers { get; init; }

    public required SeedPolicy SeedPolicy { get; init; }

    public required SelectionOptions Selection { get; init; }

    public required Dataset InitialData { get; init; }

    public required int Generations { get; init; }

    public required RetrainingOptions Retraining { get; init; }

    public required LabellingOptions Labelling { get; init; }

    public required double MaxFailureRatio { get; init; }

    public Temperature? Temperature { get; init; }

    /// <summary>Least time between two saves of the training state (<see cref="Timeout.InfiniteTimeSpan"/>: never).</summary>
    public TimeSpan TrainingCheckpointInterval { get; init; } = ActiveLearningLoopBuilder.DefaultTrainingCheckpointInterval;

    public required string RunDirectory { get; init; }

    public required int Seed { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    public IProgress<LoopProgress>? Progress { get; init; }

    /// <summary>Legal but probably unintended combinations found by the builder (see <see cref="ActiveLearningLoop.Warnings"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
