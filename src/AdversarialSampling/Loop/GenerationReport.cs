using System.Collections.Immutable;
using System.Text.Json;
using AdversarialSampling.Attacks;
using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;

namespace AdversarialSampling.Loop;

/// <summary>
/// What one generation did, yielded by <see cref="ActiveLearningLoop.RunAsync"/> and written to
/// <c>generations/gen-NNN/report.json</c> (see <see cref="ToJson"/>). Everything except <see cref="PhaseTimings"/> is
/// a deterministic function of the configuration and seed: two runs with the same seed (and thread count) produce
/// identical reports apart from timings, and a resumed run reproduces the uninterrupted one (except that label requests
/// committed before the interruption count as <see cref="LabelStatus.Reused"/> in <see cref="LabelOutcomes"/>).
/// </summary>
public sealed record GenerationReport
{
    /// <summary>Generation index: 0 is the committee trained on the initial data; g ≥ 1 added labels found with committee g − 1.</summary>
    public required int Generation { get; init; }

    /// <summary>Whether the run goes on, completed, or stopped (see <see cref="StopMessage"/>).</summary>
    public LoopStopReason StopReason { get; init; }

    /// <summary>Why the run stopped (a one-paragraph summary), or null.</summary>
    public string? StopMessage { get; init; }

    /// <summary>Labels merged into the dataset this generation (labelled now or reused from the store).</summary>
    public int LabelsAdded { get; init; }

    /// <summary>Samples in this generation's dataset (initial data included, replication not counted).</summary>
    public int DatasetSize { get; init; }

    /// <summary>Samples the committee trained on, replication counted (0 when it did not train).</summary>
    public int TrainingSize { get; init; }

    /// <summary>
    /// Samples the committee was validated on (early stopping, best weights, <see cref="Validation"/>): the initial data's
    /// validation part plus the new labels held out by <see cref="RetrainingOptions.NewLabelValidationFraction"/>
    /// (0 when it did not train).
    /// </summary>
    public int ValidationSize { get; init; }

    /// <summary>Dataset labels above <see cref="RetrainingOptions.EnergyCeiling"/>: not trained on (nor validated on, when held out for validation).</summary>
    public int ExcludedByEnergyCeiling { get; init; }

    /// <summary>Epochs the committee trained this generation (<see cref="Committees.CommitteeTrainingResult.Epochs"/>; 0 when it did not train).</summary>
    public int TrainingEpochs { get; init; }

    /// <summary>
    /// One-based epoch whose weights each member kept (<see cref="Committees.CommitteeTrainingResult.BestEpoch"/>, length M; empty
    /// when the committee did not train). Best epochs far below <see cref="TrainingEpochs"/> with a validation split
    /// mean best-validation selection kept early, barely trained weights (the loop then logs a warning; see
    /// docs/active-learning-loop.md).
    /// </summary>
    public ImmutableArray<int> BestEpochs { get; init; } = [];

    /// <summary>Candidates produced by each explorer this generation, keyed "index:name" (e.g. "0:GradientAttack").</summary>
    public ImmutableSortedDictionary<string, int> CandidatesByExplorer { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>
    /// How each explorer's candidates of this generation ended, keyed like <see cref="CandidatesByExplorer"/>: candidates
    /// per <see cref="AttackExitReason"/> (reasons that occurred only; explorers without candidates are absent; empty in
    /// generation 0). A gradient attack whose
    /// candidates mostly end at <see cref="AttackExitReason.EnergyCeiling"/> after a few steps
    /// (<see cref="CandidateStepsMedian"/>) barely moved from its seeds: the ceiling, not the uncertainty, decided where they are.
    /// </summary>
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<AttackExitReason, int>> CandidateExits { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<AttackExitReason, int>>.Empty;

    /// <summary>
    /// Median steps each explorer's candidates took this generation, keyed like <see cref="CandidatesByExplorer"/> (Adam steps
    /// of a gradient attack up to its last accepted geometry, MD steps of an MD explorer, 1 for a one-draw sampler such as
    /// <see cref="RandomDisplacement"/>; explorers without candidates are absent; empty in generation 0).
    /// </summary>
    public ImmutableSortedDictionary<string, double> CandidateStepsMedian { get; init; } = ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>Candidates per selection decision (every reason present, zeros included; all zero in generation 0).</summary>
    public ImmutableSortedDictionary<DecisionReason, int> CandidatesByReason { get; init; } = ImmutableSortedDictionary<DecisionReason, int>.Empty;

    /// <summary>
    /// Label requests per outcome (every status present, zeros included). After a resume, calls committed before the
    /// interruption count as <see cref="LabelStatus.Reused"/>.
    /// </summary>
    public ImmutableSortedDictionary<LabelStatus, int> LabelOutcomes { get; init; } = ImmutableSortedDictionary<LabelStatus, int>.Empty;

    /// <summary>Failed and gate-rejected label requests per failure kind.</summary>
    public ImmutableSortedDictionary<OracleFailureKind, int> FailuresByKind { get; init; } = ImmutableSortedDictionary<OracleFailureKind, int>.Empty;

    /// <summary>Failed plus gate-rejected requests over requests with a verdict (see <see cref="LabellingResult.FailureRatio"/>); 0 when none.</summary>
    public double FailureRatio { get; init; }

    /// <summary>Wall time of each phase that ran (also of phases run by an earlier session before a resume).</summary>
    public ImmutableSortedDictionary<LoopPhase, TimeSpan> PhaseTimings { get; init; } = ImmutableSortedDictionary<LoopPhase, TimeSpan>.Empty;

    /// <summary>This generation's committee on the fixed validation split of the initial data, or null (no validation samples, or not trained).</summary>
    public CommitteeErrors? Validation { get; init; }

    /// <summary>This generation's committee on the held-out test split of the initial data, or null.</summary>
    public CommitteeErrors? Test { get; init; }

    /// <summary>Uncertainty statistics (threshold, candidates, seeds, training set).</summary>
    public UncertaintyStatistics? Uncertainty { get; init; }

    /// <summary>The content hash of this generation's dataset (<see cref="RunStore.DatasetHash"/>, 64 hex digits).</summary>
    public required string DatasetHash { get; init; }

    /// <summary>The report as indented JSON (camelCase names, enums as names, TimeSpan as "hh:mm:ss.fffffff").</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, LoopJson.Options);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    /// <exception cref="JsonException">Not a report.</exception>
    public static GenerationReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<GenerationReport>(json, LoopJson.Options) ?? throw new JsonException("The JSON text is null, not a report.");
    }
}
