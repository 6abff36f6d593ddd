using System.Runtime.CompilerServices;
using AdversarialSampling.Committees;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Loop;

/// <summary>
/// The crash-safe active-learning loop of adversarial sampling: generation 0 trains a committee on the initial data;
/// each generation g ≥ 1 explores (attacks) from seed structures with committee g − 1, selects uncertain candidates,
/// labels them with the oracle (gated, bounded concurrency), merges them into the dataset, trains committee g and
/// evaluates it (phases in <see cref="LoopPhase"/> order). Build it with <see cref="CreateBuilder"/>.
/// </summary>
/// <remarks>
/// <para>Everything lives in the run directory: the run store (<c>run.db</c>, SQLite WAL; one transaction per phase,
/// holding the phase's result), committee checkpoints (<c>checkpoints/gen-NNN/</c>, SHA-256 recorded), and per
/// generation <c>generations/gen-NNN/report.json</c> and <c>dataset.extxyz</c>. Every oracle call is keyed by a canonical
/// hash of its inputs and recorded before and after it runs.</para>
/// <para>After a crash or <c>kill -9</c> at any point, <see cref="ResumeAsync"/> continues: committed phases are skipped,
/// labelling resumes per key (a recorded result is never paid again; only a call in flight at the crash can run twice),
/// and the final dataset equals an uninterrupted run's (same seed and thread count). One process at a time: a second
/// one gets <see cref="RunLockedException"/>.</para>
/// <para>Determinism: every random choice derives from (seed, generation, purpose); see
/// <see cref="ActiveLearningLoopBuilder.WithSeed"/>.</para>
/// <para>The instance is immutable and may be enumerated more than once, but only one enumeration may run at a time
/// per run directory.</para>
/// </remarks>
public sealed class ActiveLearningLoop
{
    internal ActiveLearningLoop(LoopSettings settings) => Settings = settings;

    /// <summary>The run directory (full path).</summary>
    public string RunDirectory => Settings.RunDirectory;

    /// <summary>Number of adversarial generations after generation 0 (reports are yielded for 0 … <see cref="Generations"/>).</summary>
    public int Generations => Settings.Generations;

    /// <summary>The master seed.</summary>
    public int Seed => Settings.Seed;

    /// <summary>
    /// The run's configuration fingerprint: JSON of every setting that changes results (committee, explorers and their
    /// options, seed policy, selection, retraining, uncertainty metric, gates, failure ratio, temperature, seed), the
    /// oracle identity and the initial dataset's content hash. Stored when a run starts; a resume must match it.
    /// Operational settings (generations, concurrency, retries, logging, progress, run directory) are not part of it.
    /// </summary>
    public string Fingerprint => _fingerprint ??= LoopFingerprint.Compute(Settings);

    /// <summary>
    /// Combinations the builder accepted that are legal but probably unintended, one sentence each naming the parts
    /// (empty when none); each is also logged as a warning when the loop is built. Example: a gradient attack that
    /// maximises one uncertainty metric while selection thresholds another.
    /// </summary>
    public IReadOnlyList<string> Warnings => Settings.Warnings;

    internal LoopSettings Settings { get; }

    /// <summary>Test hook: called right after a phase (or the start record, phase "init") was committed, with the generation and phase name.</summary>
    internal Action<int, string>? AfterPhaseCommitted { get; set; }

    /// <summary>Test hook: called with the generation and the committee right before the loop trains it.</summary>
    internal Action<int, ICommittee>? BeforeTraining { get; set; }

    private string? _fingerprint;

    /// <summary>Creates a builder.</summary>
    /// <returns>A new builder.</returns>
    public static ActiveLearningLoopBuilder CreateBuilder() => new();

    /// <summary>
    /// Starts a new run in the run directory and streams one report per generation (0 … <see cref="Generations"/>) as
    /// each is committed. Stop at any time by cancelling or by leaving the enumeration: what was committed stays, and
    /// <see cref="ResumeAsync"/> continues from there.
    /// </summary>
    /// <param name="cancellationToken">Cancellation (honoured between training minibatches, attack steps and oracle calls).</param>
    /// <returns>The reports.</returns>
    /// <exception cref="LoopConfigurationException">The oracle's setup check failed (no run directory is created).</exception>
    /// <exception cref="InvalidOperationException">The run directory already holds a run (use <see cref="ResumeAsync"/>).</exception>
    /// <exception cref="RunLockedException">Another process holds the run directory.</exception>
    /// <exception cref="RunPausedException">Infrastructure trouble outlasted the retries; resume later.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; committed work is kept.</exception>
    public IAsyncEnumerable<GenerationReport> RunAsync(CancellationToken cancellationToken = default)
        => RunCoreAsync(resume: false, cancellationToken);

    /// <summary>
    /// Continues the run in the run directory after a crash, a kill, a pause or a cancellation (or extends a finished run
    /// when <see cref="Generations"/> is larger than before). Committed phases are skipped; only reports of generations
    /// finished in this call are yielded (earlier ones: <see cref="ReadReports()"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The reports of the generations finished now.</returns>
    /// <exception cref="RunStoreException">No run store in the directory.</exception>
    /// <exception cref="RunStoreCorruptException">The store is damaged (never used silently).</exception>
    /// <exception cref="CheckpointCorruptException">A recorded checkpoint does not match its SHA-256.</exception>
    /// <exception cref="LoopConfigurationException">The configuration differs from the one the run started with (differences named), or the oracle's setup check failed.</exception>
    /// <exception cref="RunStoppedException">The run stopped for good (failure ratio exceeded).</exception>
    /// <exception cref="RunLockedException">Another process holds the run directory.</exception>
    /// <exception cref="RunPausedException">Infrastructure trouble outlasted the retries again.</exception>
    public IAsyncEnumerable<GenerationReport> ResumeAsync(CancellationToken cancellationToken = default)
        => RunCoreAsync(resume: true, cancellationToken);

    /// <summary>The reports committed so far in the run directory (read-only; works while the run is going).</summary>
    /// <returns>The reports by generation.</returns>
    /// <exception cref="RunStoreException">No run store in the directory.</exception>
    public IReadOnlyList<GenerationReport> ReadReports()
    {
        using var store = RunStore.Open(RunDirectory, RunStoreOpenMode.ReadOnly);
        return LoopRunner.ReadReports(store);
    }

    /// <summary>Why and where the run in an open run store stopped for good, or null if it did not (any mode).</summary>
    /// <param name="store">The run store of a loop's run directory.</param>
    /// <returns>The stop, or null.</returns>
    public static LoopStop? ReadStop(RunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return LoopRunner.ReadStop(store);
    }

    /// <summary>
    /// The training state saved for the latest generation whose committee training has not finished (see
    /// <see cref="ActiveLearningLoopBuilder.WithTrainingCheckpoints"/>), or null if there is none (any mode; works while the
    /// run is going). The epoch is read from the file's header without verifying it; a resume verifies the whole file.
    /// </summary>
    /// <param name="store">The run store of a loop's run directory.</param>
    /// <returns>The saved state's generation, epoch and time, or null.</returns>
    public static SavedTrainingState? ReadSavedTrainingState(RunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return LoopTrainingState.ReadSaved(store);
    }

    /// <summary>The reports committed so far in an open run store (any mode; works while the run is going).</summary>
    /// <param name="store">The run store of a loop's run directory.</param>
    /// <returns>The reports by generation.</returns>
    public static IReadOnlyList<GenerationReport> ReadReports(RunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return LoopRunner.ReadReports(store);
    }

    /// <summary>The dataset of a finished generation, as stored (initial data included; replication not applied).</summary>
    /// <param name="generation">The generation (≥ 0).</param>
    /// <returns>The dataset (empty when the generation has not merged yet).</returns>
    public Dataset LoadDataset(int generation)
    {
        using var store = RunStore.Open(RunDirectory, RunStoreOpenMode.ReadOnly);
        return store.LoadDataset(generation);
    }

    /// <summary>
    /// What the committee of a generation trained and validated on: <see cref="DatasetSplit.Train"/> is the training split
    /// with every entry repeated its replication weight (initial training part, new labels ×
    /// <see cref="RetrainingOptions.ReplicationWeight"/>, labels above <see cref="RetrainingOptions.EnergyCeiling"/> left
    /// out), <see cref="DatasetSplit.Validation"/> the part that decides early stopping and the best weights (the initial
    /// validation part plus the held-out new labels of <see cref="RetrainingOptions.NewLabelValidationFraction"/>), and
    /// <see cref="DatasetSplit.Test"/> the initial test part. Loss weights are not included. For diagnosing a run, e.g.
    /// retraining a committee offline with other settings on exactly the same data.
    /// </summary>
    /// <param name="generation">The generation (≥ 0).</param>
    /// <returns>The split (all parts empty when the generation's dataset has not been stored yet).</returns>
    /// <exception cref="RunStoreException">No run store in the directory.</exception>
    public DatasetSplit LoadTrainingSplit(int generation)
    {
        using var store = RunStore.Open(RunDirectory, RunStoreOpenMode.ReadOnly);
        var data = LoopDataset.Load(store, generation, Settings.Retraining);
        return new DatasetSplit(data.ReplicatedTraining, data.Validation, data.Test);
    }

    /// <summary>Loads the trained committee of a generation from its verified checkpoint (caller disposes).</summary>
    /// <param name="generation">The generation (≥ 0) whose train phase is committed.</param>
    /// <returns>The committee.</returns>
    /// <exception cref="InvalidOperationException">The committee was made by a factory (not checkpointed), or generation not trained.</exception>
    /// <exception cref="CheckpointCorruptException">A checkpoint file does not match its recorded SHA-256.</exception>
    public TorchCommittee LoadCommittee(int generation)
    {
        using var store = RunStore.Open(RunDirectory, RunStoreOpenMode.ReadOnly);
        return LoopCheckpoints.Load(store, generation, Settings.LoggerFactory);
    }

    private async IAsyncEnumerable<GenerationReport> RunCoreAsync(bool resume, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var runner = await LoopRunner.StartAsync(this, resume, cancellationToken).ConfigureAwait(false);
        using (runner)
        {
            await foreach (var report in runner.RunAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return report;
            }
        }
    }
}
