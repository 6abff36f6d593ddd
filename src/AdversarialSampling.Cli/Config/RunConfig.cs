using System.Collections.Immutable;
using AdversarialSampling.Loop;
using AdversarialSampling.Selection;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// A parsed run configuration (the JSON file of <c>adversarial-sampling run</c>; reference: docs/run-config-reference.md).
/// Values are checked for shape here and for range by the loop builder (<see cref="RunConfigLoop"/>).
/// </summary>
internal sealed record RunConfig
{
    /// <summary>The run directory as written (relative to the configuration file), or null.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>The master seed; default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Adversarial generations after generation 0; default 5.</summary>
    public int Generations { get; init; } = ActiveLearningLoopBuilder.DefaultGenerations;

    /// <summary>libtorch intra-op threads, or null (libtorch's choice). The same seed and thread count give the same run.</summary>
    public int? Threads { get; init; }

    /// <summary>The initial data.</summary>
    public required InitialDataConfig InitialData { get; init; }

    /// <summary>The committee.</summary>
    public required CommitteeConfig Committee { get; init; }

    /// <summary>The oracle.</summary>
    public required OracleConfig Oracle { get; init; }

    /// <summary>The uncertainty metric (selection, reports and the attack objective).</summary>
    public required IUncertaintyMetric Uncertainty { get; init; }

    /// <summary>The run's temperature, or null.</summary>
    public Temperature? Temperature { get; init; }

    /// <summary>The explorers (at least one).</summary>
    public required ImmutableArray<ExplorerConfig> Explorers { get; init; }

    /// <summary>Seed policy.</summary>
    public SeedPolicy SeedPolicy { get; init; } = SeedPolicy.AllTraining;

    /// <summary>Selection.</summary>
    public SelectionOptions Selection { get; init; } = new();

    /// <summary>Retraining.</summary>
    public RetrainingOptions Retraining { get; init; } = new();

    /// <summary>Oracle calls at once; default 1.</summary>
    public int OracleConcurrency { get; init; } = 1;

    /// <summary>Largest tolerated failure ratio; default 0.5.</summary>
    public double MaxFailureRatio { get; init; } = ActiveLearningLoopBuilder.DefaultMaxFailureRatio;

    /// <summary>Infrastructure retry attempts, or null (default 3).</summary>
    public int? RetryAttempts { get; init; }

    /// <summary>Delay before the second attempt, or null (default 2 s).</summary>
    public TimeSpan? RetryBaseDelay { get; init; }

    /// <summary>Longest delay, or null (default 1 min).</summary>
    public TimeSpan? RetryMaxDelay { get; init; }

    /// <summary>Least time between two saves of the committee's training state (resume continues from the last); default 1 min.</summary>
    public TimeSpan TrainingCheckpointInterval { get; init; } = ActiveLearningLoopBuilder.DefaultTrainingCheckpointInterval;

    /// <summary>Gates.</summary>
    public GatesConfig Gates { get; init; } = new();
}
