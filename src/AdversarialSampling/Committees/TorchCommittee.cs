using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>
/// A committee of M TorchSharp potentials built from a <see cref="ModelSpec"/> (the coordinate MLP, SchNet
/// or your own spec): trains every member on the same data (<see cref="Train"/>), predicts every member's
/// energies and forces in one batched pass (<see cref="Predict"/>), acts as an <see cref="IPotential"/>
/// returning the member mean, and saves to / loads from a directory (<see cref="CommitteeStore"/>).
/// Not thread-safe: call from one thread at a time. Dispose it to free native memory.
/// </summary>
public sealed class TorchCommittee : ICommittee, IDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private ICommitteeModel _model;
    private bool _disposed;

    /// <summary>Creates a freshly initialised (untrained) committee.</summary>
    /// <param name="spec">The architecture.</param>
    /// <param name="options">Size, seed, dtype and training settings; default <see cref="CommitteeOptions"/>().</param>
    /// <param name="loggerFactory">Logging; default none.</param>
    /// <exception cref="ArgumentException">Invalid spec or options (every problem listed).</exception>
    public TorchCommittee(ModelSpec spec, CommitteeOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new CommitteeOptions();
        var problems = spec.Validate().Concat(options.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid committee settings: " + string.Join(" ", problems));
        }

        Spec = spec;
        Options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _model = spec.Create(options.Members, options.Seed, options.DType);
    }

    /// <summary>The architecture.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The settings; <see cref="CommitteeOptions.Seed"/> is the seed of the current initialisation.</summary>
    public CommitteeOptions Options { get; private set; }

    /// <inheritdoc />
    public string Name => $"{Spec.Kind} committee ×{MemberCount}";

    /// <inheritdoc />
    public int MemberCount => _model.MemberCount;

    /// <inheritdoc />
    public bool IsTrained { get; internal set; }

    /// <summary>Floating type of the models.</summary>
    public ScalarType DType => _model.DType;

    /// <summary>
    /// The tensor-level model (owned by the committee: do not dispose; replaced by <see cref="Reinitialize"/>).
    /// Use it with <see cref="CommitteeEvaluator"/> for differentiable evaluation (e.g. attacks).
    /// </summary>
    public ICommitteeModel Model
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _model;
        }
    }

    /// <summary>Summary of the last <see cref="Train"/> call (or the one recorded in a loaded committee), null if none.</summary>
    public CommitteeTrainingResult? LastTraining { get; internal set; }

    /// <summary>Test hook passed to the trainer (called before each epoch attempt).</summary>
    internal Action<int, ICommitteeModel>? BeforeEpoch { get; set; }

    /// <summary>Where training saves its state between epochs and continues from after an interruption (the loop's run store); null: not saved.</summary>
    internal ITrainingStateStore? TrainingStateStore { get; set; }

    /// <summary>Loads a committee saved with <see cref="Save"/> (see <see cref="CommitteeStore.Load"/>).</summary>
    /// <param name="directory">The committee directory.</param>
    /// <param name="loggerFactory">Logging; default none.</param>
    /// <returns>The committee.</returns>
    /// <exception cref="CommitteeFormatException">Missing, truncated, corrupt or foreign files (named).</exception>
    public static TorchCommittee Load(string directory, ILoggerFactory? loggerFactory = null) => CommitteeStore.Load(directory, loggerFactory);

    /// <summary>Saves the committee to a directory (see <see cref="CommitteeStore.Save"/>).</summary>
    /// <param name="directory">The committee directory (created if missing).</param>
    public void Save(string directory) => CommitteeStore.Save(this, directory);

    /// <summary>
    /// Replaces every member by a fresh initialisation from <paramref name="seed"/> (the active-learning loop
    /// re-initialises each generation); the committee becomes untrained.
    /// </summary>
    /// <param name="seed">New committee seed.</param>
    public void Reinitialize(int seed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var fresh = Spec.Create(Options.Members, seed, Options.DType);
        _model.Dispose();
        _model = fresh;
        Options = Options with { Seed = seed };
        IsTrained = false;
        LastTraining = null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Fits the model's normalisation on <paramref name="training"/>, then trains (see
    /// <see cref="TrainingOptions"/>). Each member ends with its best-validation weights. On cancellation the
    /// committee is left untrained with unspecified weights.
    /// </remarks>
    /// <exception cref="ArgumentException">Empty training set.</exception>
    public CommitteeTrainingResult Train(
        Dataset training,
        Dataset validation,
        IProgress<CommitteeTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        => TrainCore(training, validation, null, progress, cancellationToken);

    /// <summary>
    /// Trains like <see cref="Train"/> with a
    /// per-sample loss weight: each sample's squared energy and force errors are multiplied by
    /// <paramref name="sampleWeight"/>(sample), divided by the mean weight of its set (training or validation), so the loss
    /// keeps its scale and all-equal weights give exactly the unweighted loss. Used e.g. for Boltzmann-style weighting
    /// that keeps high-energy labels from dominating the fit (<see cref="Loop.RetrainingOptions.LossWeighting"/>).
    /// </summary>
    /// <param name="training">Training samples (energies in eV, forces in eV/Å).</param>
    /// <param name="validation">Validation samples (weighted the same way); may be empty.</param>
    /// <param name="sampleWeight">Weight of a sample (finite, ≥ 0; at least one positive per set).</param>
    /// <param name="progress">Optional per-epoch progress.</param>
    /// <param name="cancellationToken">Cancellation, honoured between minibatches.</param>
    /// <returns>A summary of the training (validation losses are the weighted ones).</returns>
    /// <exception cref="ArgumentException">Empty training set, or a negative, non-finite or all-zero weight.</exception>
    public CommitteeTrainingResult TrainWeighted(
        Dataset training,
        Dataset validation,
        Func<LabelledSample, double> sampleWeight,
        IProgress<CommitteeTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampleWeight);
        return TrainCore(training, validation, sampleWeight, progress, cancellationToken);
    }

    private CommitteeTrainingResult TrainCore(
        Dataset training,
        Dataset validation,
        Func<LabelledSample, double>? sampleWeight,
        IProgress<CommitteeTrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        if (training.Count == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(training));
        }

        IsTrained = false;
        var trainer = new CommitteeTrainer(_model, Spec.Kind, Options, Options.Seed, _loggerFactory.CreateLogger<TorchCommittee>())
        {
            BeforeEpoch = BeforeEpoch,
            StateStore = TrainingStateStore,
        };
        var result = trainer.Run(training, validation, sampleWeight, progress, cancellationToken);
        LastTraining = result;
        IsTrained = result.BestEpoch.All(e => e > 0);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Evaluates in passes of <see cref="CommitteeOptions.EvaluationBatchSize"/> structures with the
    /// parameters frozen. An untrained committee predicts with its initial weights.
    /// </remarks>
    public CommitteePrediction Predict(IReadOnlyList<AtomicStructure> structures, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(structures);
        var results = new List<StructurePrediction>(structures.Count);
        int members = MemberCount;
        _model.SetTrainable(false);
        try
        {
            for (int start = 0; start < structures.Count; start += Options.EvaluationBatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var chunk = structures.Skip(start).Take(Options.EvaluationBatchSize).ToList();
                using var batch = AtomBatch.FromStructures(chunk, _model.DType);
                var output = CommitteeEvaluator.Evaluate(_model, batch);
                var energies = output.Energies.detach().to_type(ScalarType.Float64).data<double>().ToArray();
                var forces = output.Forces.detach().to_type(ScalarType.Float64).data<double>().ToArray();
                int atoms = batch.AtomCount;
                for (int b = 0; b < chunk.Count; b++)
                {
                    int from = 3 * batch.AtomOffsets[b], to = 3 * batch.AtomOffsets[b + 1];
                    var e = new double[members];
                    var f = new IReadOnlyList<double>[members];
                    for (int m = 0; m < members; m++)
                    {
                        e[m] = energies[(m * chunk.Count) + b];
                        f[m] = forces[((m * 3 * atoms) + from)..((m * 3 * atoms) + to)];
                    }

                    results.Add(new StructurePrediction(e, f));
                }
            }
        }
        finally
        {
            _model.SetTrainable(true);
        }

        return new CommitteePrediction(results);
    }

    /// <inheritdoc />
    public PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(structure);
        return Predict([structure], cancellationToken)[0].ToMeanResult();
    }

    /// <inheritdoc />
    public IReadOnlyList<PotentialResult> ComputeBatch(IReadOnlyList<AtomicStructure> structures, CancellationToken cancellationToken = default)
        => [.. Predict(structures, cancellationToken).Structures.Select(p => p.ToMeanResult())];

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _model.Dispose();
            _disposed = true;
        }
    }
}
