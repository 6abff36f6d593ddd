using System.Collections.Immutable;
using System.Globalization;
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdversarialSampling.Loop;

/// <summary>
/// Configures an <see cref="ActiveLearningLoop"/> (in the idiom of Polly's <c>ResiliencePipelineBuilder</c>): every
/// <c>With…</c>/<c>Add…</c> call records a setting (null arguments throw at once), and <see cref="Build"/> validates
/// every setting and their combination, throwing one <see cref="LoopConfigurationException"/> that lists every problem.
/// Required: a committee, an oracle, initial data, a run directory and at least one explorer. Create it with
/// <see cref="ActiveLearningLoop.CreateBuilder"/>. Not thread-safe; the built loop is immutable.
/// </summary>
public sealed class ActiveLearningLoopBuilder
{
    /// <summary>Default number of adversarial generations (after generation 0): 5.</summary>
    public const int DefaultGenerations = 5;

    /// <summary>Default <see cref="WithTrainingCheckpoints"/> interval: 1 minute.</summary>
    public static readonly TimeSpan DefaultTrainingCheckpointInterval = TimeSpan.FromMinutes(1);

    /// <summary>Default <see cref="WithMaxFailureRatio"/>: 0.5.</summary>
    public const double DefaultMaxFailureRatio = 0.5;

    private readonly List<LoopExplorer> _explorers = [];
    private ModelSpec? _spec;
    private CommitteeOptions? _committeeOptions;
    private Func<int, ICommittee>? _factory;
    private Type? _factoryType;
    private IOracle? _oracle;
    private IUncertaintyMetric _metric = new ForceVariance();
    private SeedPolicy _seedPolicy = SeedPolicy.AllTraining;
    private SelectionOptions _selection = new();
    private Dataset? _initialData;
    private int _generations = DefaultGenerations;
    private RetrainingOptions _retraining = new();
    private int _concurrency = 1;
    private GeometryGate _geometryGate = new();
    private PhysicsGate _physicsGate = new();
    private int _retryAttempts = new LabellingOptions().InfrastructureAttempts;
    private TimeSpan _retryBaseDelay = new LabellingOptions().RetryBaseDelay;
    private TimeSpan _retryMaxDelay = new LabellingOptions().RetryMaxDelay;
    private double _maxFailureRatio = DefaultMaxFailureRatio;
    private Temperature? _temperature;
    private TimeSpan _trainingCheckpointInterval = DefaultTrainingCheckpointInterval;
    private string? _runDirectory;
    private int _seed;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private IProgress<LoopProgress>? _progress;

    internal ActiveLearningLoopBuilder()
    {
    }

    /// <summary>
    /// The committee: a <see cref="TorchCommittee"/> of <paramref name="spec"/> with <paramref name="options"/>, created
    /// by the loop for every generation (re-initialised from a seed derived from (loop seed, generation), which replaces
    /// <see cref="CommitteeOptions.Seed"/>, or warm-started; see <see cref="WithRetraining"/>). Each trained committee is
    /// checkpointed (SHA-256 in the run store), so a resume after the train phase does not retrain. Differentiable:
    /// every attack can use it. Replaces an earlier <c>WithCommittee</c>.
    /// </summary>
    /// <param name="spec">The architecture (e.g. <see cref="MlpSpec"/>, <see cref="SchNetSpec"/>).</param>
    /// <param name="options">Size, dtype and training settings; default <c>new CommitteeOptions()</c> (5 members, 400 epochs).</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithCommittee(ModelSpec spec, CommitteeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _committeeOptions = options ?? new CommitteeOptions();
        _factory = null;
        _factoryType = null;
        return this;
    }

    /// <summary>
    /// The committee, from a factory called once per generation with that generation's committee seed (derived from
    /// (loop seed, generation)); the loop trains what it returns (and disposes it when it is <see cref="IDisposable"/>).
    /// Such committees are not checkpointed: a resume retrains them deterministically. Gradient-based explorers need
    /// <typeparamref name="TCommittee"/> to be <see cref="TorchCommittee"/>. Replaces an earlier <c>WithCommittee</c>.
    /// </summary>
    /// <typeparam name="TCommittee">The committee type the factory returns.</typeparam>
    /// <param name="factory">Creates an untrained committee from a seed.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithCommittee<TCommittee>(Func<int, TCommittee> factory)
        where TCommittee : ICommittee
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = seed => factory(seed);
        _factoryType = typeof(TCommittee);
        _spec = null;
        _committeeOptions = null;
        return this;
    }

    /// <summary>The ground truth; its <see cref="IOracle.Identity"/> enters every oracle-call key and the run's fingerprint.</summary>
    /// <param name="oracle">The oracle.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithOracle(IOracle oracle)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        _oracle = oracle;
        return this;
    }

    /// <summary>The uncertainty used for selection (scores, percentile threshold) and in reports; default <see cref="ForceVariance"/> (unbiased, eV²/Å²).</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithUncertainty(IUncertaintyMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        _metric = metric;
        return this;
    }

    /// <summary>
    /// Adds an explorer. Each generation every explorer attacks the seeds with the previous committee; the label budget
    /// (<see cref="SelectionOptions.Cap"/>) is split between explorers in proportion to their shares (largest remainders,
    /// ties to the earlier explorer), and candidates within the distance-to-training radius of a candidate accepted for an
    /// earlier explorer are rejected as duplicates.
    /// </summary>
    /// <param name="attack">The attack (e.g. <see cref="GradientAttack"/>, <see cref="RandomDisplacement"/>, or <see cref="Explorers.MdExplorer"/> for MD-based active learning).</param>
    /// <param name="share">Relative share of the label budget (&gt; 0); default 1.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder AddExplorer(IAdversarialAttack attack, double share = 1.0)
    {
        ArgumentNullException.ThrowIfNull(attack);
        _explorers.Add(new LoopExplorer(attack, share));
        return this;
    }

    /// <summary>Which training structures seed the explorers; default <see cref="SeedPolicy.AllTraining"/>.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithSeedPolicy(SeedPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _seedPolicy = policy;
        return this;
    }

    /// <summary>
    /// Selection settings; default <c>new SelectionOptions()</c> (80th percentile of the training set's uncertainty under
    /// the committee that made the candidates, 0.1 Å distance to training, single-linkage dedup, cap 20 = labels per
    /// generation). <see cref="SelectionOptions.Seed"/> is replaced by a seed derived from (loop seed, generation).
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithSelection(SelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _selection = options;
        return this;
    }

    /// <summary>The initial labelled data (energies in eV, forces in eV/Å); split once into train/validation/test (see <see cref="RetrainingOptions"/>).</summary>
    /// <param name="dataset">The dataset.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithInitialData(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        _initialData = dataset;
        return this;
    }

    /// <summary>
    /// Number of adversarial generations after generation 0 (≥ 1); default <see cref="DefaultGenerations"/>. Reports are
    /// yielded for generations 0 … n. Not part of the run's fingerprint: resuming with a larger n extends a finished run.
    /// </summary>
    /// <param name="generations">n.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithGenerations(int generations)
    {
        _generations = generations;
        return this;
    }

    /// <summary>Retraining settings (re-initialise or warm start, replication, split, energy ceiling); default <c>new RetrainingOptions()</c>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithRetraining(RetrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _retraining = options;
        return this;
    }

    /// <summary>Oracle calls running at once (≥ 1); default 1. Not part of the fingerprint.</summary>
    /// <param name="maxConcurrency">The bound.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithOracleConcurrency(int maxConcurrency)
    {
        _concurrency = maxConcurrency;
        return this;
    }

    /// <summary>The gate every candidate passes before the oracle is paid; default <c>new GeometryGate()</c> (finite positions, 0.5 × covalent radii).</summary>
    /// <param name="gate">The gate.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithGeometryGate(GeometryGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        _geometryGate = gate;
        return this;
    }

    /// <summary>The gate every oracle result passes before it becomes a label; default <c>new PhysicsGate()</c> (finite, forces ≤ 100 eV/Å).</summary>
    /// <param name="gate">The gate.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithPhysicsGate(PhysicsGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        _physicsGate = gate;
        return this;
    }

    /// <summary>
    /// Largest tolerated share of failed plus gate-rejected label requests in a generation, in (0, 1]; default 0.5.
    /// Above it the generation's good labels are merged, a report says why, and the run stops for good.
    /// </summary>
    /// <param name="ratio">The ratio.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithMaxFailureRatio(double ratio)
    {
        _maxFailureRatio = ratio;
        return this;
    }

    /// <summary>
    /// Infrastructure trouble (oracle unreachable, disk full) is retried with exponential backoff; after
    /// <paramref name="attempts"/> attempts per key the run pauses (<see cref="RunPausedException"/>, resumable).
    /// Defaults: 3 attempts, 2 s doubling to at most 1 min. Not part of the fingerprint.
    /// </summary>
    /// <param name="attempts">Attempts per key (≥ 1).</param>
    /// <param name="baseDelay">Delay before the second attempt (≥ 0).</param>
    /// <param name="maxDelay">Longest delay (≥ 0).</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithInfrastructureRetry(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        _retryAttempts = attempts;
        _retryBaseDelay = baseDelay;
        _retryMaxDelay = maxDelay;
        return this;
    }

    /// <summary>
    /// How often a <see cref="TorchCommittee"/>'s training saves its state into the run directory: after a completed
    /// epoch, when at least <paramref name="interval"/> has passed since the last save. A run killed or cancelled
    /// while training resumes from the last saved epoch instead of epoch 1, and ends with the same weights, bit for
    /// bit, as an uninterrupted run. The state (current and best weights, Adam's moments, the schedule) is about four
    /// times the size of the weights; it is deleted when the generation's trained committee is committed.
    /// Default 1 minute; <see cref="TimeSpan.Zero"/>: after every epoch; <see cref="Timeout.InfiniteTimeSpan"/>:
    /// never (an interrupted training starts again from epoch 1). Not part of the fingerprint.
    /// </summary>
    /// <param name="interval">The least time between two saves (≥ 0, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithTrainingCheckpoints(TimeSpan interval)
    {
        _trainingCheckpointInterval = interval;
        return this;
    }

    /// <summary>
    /// The exploration temperature, stated once for the run (recorded in its fingerprint). The attacks carry their own kT
    /// (<see cref="AttackObjectiveOptions.Temperature"/>); when this is given, <see cref="Build"/> checks that every
    /// <see cref="GradientAttack"/> and <see cref="RandomDisplacement"/> explorer uses the same kT. Default: not stated.
    /// </summary>
    /// <param name="temperature">The temperature (valid: positive kT).</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithTemperature(Temperature temperature)
    {
        _temperature = temperature;
        return this;
    }

    /// <summary>The run directory: the run store (<c>run.db</c>), checkpoints and per-generation exports live there.</summary>
    /// <param name="path">The directory (created by <see cref="ActiveLearningLoop.RunAsync"/>).</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithRunDirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _runDirectory = path;
        return this;
    }

    /// <summary>
    /// The master seed; default 0. Every random choice derives from (seed, generation, purpose): the initial split,
    /// committee initialisation, seed sampling, each explorer's attack seed and the selection cap.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithSeed(int seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>Logging (loop events 1301–1320, plus the committee's and attacks' own); default none.</summary>
    /// <param name="loggerFactory">The factory.</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithLogging(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>Progress events (phase started/completed/skipped, each label); default none.</summary>
    /// <param name="progress">The receiver (called from the loop's threads; labels may report concurrently).</param>
    /// <returns>This builder.</returns>
    public ActiveLearningLoopBuilder WithProgress(IProgress<LoopProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _progress = progress;
        return this;
    }

    /// <summary>Validates every setting and their combination and builds the immutable loop.</summary>
    /// <returns>The loop (nothing runs until <see cref="ActiveLearningLoop.RunAsync"/> or <see cref="ActiveLearningLoop.ResumeAsync"/> is enumerated).</returns>
    /// <exception cref="LoopConfigurationException">Every problem found, listed in <see cref="LoopConfigurationException.Problems"/>.</exception>
    public ActiveLearningLoop Build()
    {
        var problems = new List<string>();
        void Check(bool ok, FormattableString message)
        {
            if (!ok)
            {
                problems.Add(message.ToString(CultureInfo.InvariantCulture));
            }
        }

        bool torch = _spec is not null || (_factoryType is not null && typeof(TorchCommittee).IsAssignableFrom(_factoryType));
        Check(_spec is not null || _factory is not null, $"No committee: call WithCommittee(spec, options) or WithCommittee(factory).");
        Check(_oracle is not null, $"No oracle: call WithOracle(oracle).");
        Check(_initialData is not null, $"No initial data: call WithInitialData(dataset).");
        Check(!string.IsNullOrWhiteSpace(_runDirectory), $"No run directory: call WithRunDirectory(path).");
        Check(_explorers.Count > 0, $"No explorer: call AddExplorer(attack, share) at least once.");
        Check(_generations >= 1, $"Generations must be ≥ 1; found {_generations}.");
        Check(_concurrency >= 1, $"Oracle concurrency must be ≥ 1; found {_concurrency}.");
        Check(_maxFailureRatio > 0 && _maxFailureRatio <= 1, $"MaxFailureRatio must be in (0, 1]; found {_maxFailureRatio}.");
        Check(_retryAttempts >= 1, $"Infrastructure retry attempts must be ≥ 1; found {_retryAttempts}.");
        Check(_retryBaseDelay >= TimeSpan.Zero && _retryMaxDelay >= TimeSpan.Zero, $"Infrastructure retry delays must not be negative; found {_retryBaseDelay} and {_retryMaxDelay}.");
        Check(_trainingCheckpointInterval >= TimeSpan.Zero || _trainingCheckpointInterval == Timeout.InfiniteTimeSpan, $"The training checkpoint interval must be ≥ 0 (or Timeout.InfiniteTimeSpan for never); found {_trainingCheckpointInterval}.");
        Check(_temperature is null || _temperature.Value.IsValid, $"Temperature must be positive (kT > 0 eV); found kT = {_temperature?.KT} eV.");

        if (_spec is not null)
        {
            problems.AddRange(_spec.Validate().Select(p => "Committee: " + p));
            problems.AddRange(_committeeOptions!.Validate().Select(p => "Committee: " + p));
            if (_metric is CommitteeVarianceMetric { Estimator: VarianceEstimator.Unbiased } && _committeeOptions.Members < 2)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"The uncertainty metric {_metric.Name} (unbiased variance) needs a committee of at least 2 members; found Members = {_committeeOptions.Members}."));
            }
        }

        problems.AddRange(_seedPolicy.Validate());
        problems.AddRange(_retraining.Validate());
        AddSelectionProblems(problems);
        if (_retraining.Mode == RetrainingMode.WarmStart && _factory is not null)
        {
            problems.Add("Retraining.Mode WarmStart needs a checkpointable committee (WithCommittee(spec, options)); a committee factory is trained from scratch every generation.");
        }

        if (_retraining.LossWeighting is not null && _factory is not null && !torch)
        {
            problems.Add($"Retraining.LossWeighting needs per-sample loss weights, which only TorchCommittee supports; the committee factory makes {_factoryType?.Name}.");
        }

        for (int i = 0; i < _explorers.Count; i++)
        {
            var (attack, share) = _explorers[i];
            Check(share > 0 && double.IsFinite(share), $"Explorer {i} ({attack.Name}): share must be positive and finite; found {share}.");
            if (NeedsTorchCommittee(attack) && (_spec is not null || _factory is not null) && !torch)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Explorer {i} ({attack.Name}) needs a differentiable committee (TorchCommittee), but the committee factory makes {_factoryType!.Name}; use WithCommittee(spec, options) or a factory returning TorchCommittee."));
            }

            if (_temperature is { IsValid: true } t && ExplorerTemperature(attack) is { } kT && !SameTemperature(kT.KT, t.KT))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Explorer {i} ({attack.Name}) uses kT = {kT.KT:G6} eV but WithTemperature gave kT = {t.KT:G6} eV; state one temperature."));
            }
        }

        AddInitialDataProblems(problems);
        if (problems.Count > 0)
        {
            throw new LoopConfigurationException(problems);
        }

        var warnings = Warnings();
        var logger = _loggerFactory.CreateLogger<ActiveLearningLoop>();
        foreach (string warning in warnings)
        {
            LoopLog.ConfigurationWarning(logger, warning);
        }

        var settings = new LoopSettings
        {
            Warnings = warnings,
            Spec = _spec,
            CommitteeOptions = _committeeOptions,
            CommitteeFactory = _factory,
            CommitteeFactoryType = _factoryType,
            TorchCommittees = torch,
            Oracle = _oracle!,
            Metric = _metric,
            Explorers = [.. _explorers],
            SeedPolicy = _seedPolicy,
            Selection = _selection,
            InitialData = _initialData!,
            Generations = _generations,
            Retraining = _retraining,
            Labelling = new LabellingOptions
            {
                MaxConcurrency = _concurrency,
                GeometryGate = _geometryGate,
                PhysicsGate = _physicsGate,
                InfrastructureAttempts = _retryAttempts,
                RetryBaseDelay = _retryBaseDelay,
                RetryMaxDelay = _retryMaxDelay,
            },
            MaxFailureRatio = _maxFailureRatio,
            Temperature = _temperature,
            TrainingCheckpointInterval = _trainingCheckpointInterval,
            RunDirectory = Path.GetFullPath(_runDirectory!),
            Seed = _seed,
            LoggerFactory = _loggerFactory,
            Progress = _progress,
        };
        return new ActiveLearningLoop(settings);
    }

    /// <summary>
    /// Legal combinations that are probably mistakes: an attack or MD explorer that drives or collects on one uncertainty
    /// metric while the loop's selection thresholds another (the selected candidates are then ranked by a quantity the
    /// explorer did not look at). The variance estimator is not compared: it scales a metric without changing its order.
    /// </summary>
    private List<string> Warnings()
    {
        var warnings = new List<string>();
        for (int i = 0; i < _explorers.Count; i++)
        {
            var (attack, _) = _explorers[i];
            var (metric, verb) = attack switch
            {
                GradientAttack g => (g.Options.Objective?.Metric, "maximises"),
                Explorers.MdExplorer m => (m.Options.Metric, "collects frames on"),
                _ => ((IDifferentiableUncertaintyMetric?)null, ""),
            };
            if (metric is not null && !string.Equals(metric.Name, _metric.Name, StringComparison.Ordinal))
            {
                warnings.Add($"Explorer {i} ({attack.Name}) {verb} {metric.Name} but selection thresholds {_metric.Name} (WithUncertainty); pass the same metric to both unless the mix is intended.");
            }
        }

        return warnings;
    }

    /// <summary>The built-in attacks evaluate the committee's tensor-level model (they need a <see cref="TorchCommittee"/>).</summary>
    private static bool NeedsTorchCommittee(IAdversarialAttack attack) => attack is GradientAttack or RandomDisplacement or Explorers.MdExplorer;

    private static Temperature? ExplorerTemperature(IAdversarialAttack attack) => attack switch
    {
        GradientAttack g => g.Options.Objective?.Temperature,
        RandomDisplacement r => r.Options.Objective?.Temperature,
        _ => null,
    };

    private static bool SameTemperature(double a, double b)
        => a == b || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));

    private void AddSelectionProblems(List<string> problems)
    {
        try
        {
            _selection.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add("Selection: " + e.Message);
        }

        if (_selection.Threshold is { } threshold && threshold.Unit != _metric.Unit)
        {
            problems.Add($"Selection.Threshold is in {threshold.Unit.Symbol()} but the uncertainty metric {_metric.Name} gives {_metric.Unit.Symbol()}.");
        }

        if (_selection.PerComponentForceThreshold && _metric is not ForceVariance)
        {
            problems.Add($"Selection.PerComponentForceThreshold compares force-component variances and needs the ForceVariance metric; the uncertainty metric is {_metric.Name}.");
        }
    }

    private void AddInitialDataProblems(List<string> problems)
    {
        if (_initialData is null)
        {
            return;
        }

        if (_initialData.Count == 0)
        {
            problems.Add("The initial data is empty.");
            return;
        }

        double forceWeight = _committeeOptions?.Training?.ForceWeight ?? 0;
        var missing = Enumerable.Range(0, _initialData.Count).Where(i => !_initialData[i].HasForces).ToList();
        if (forceWeight > 0 && missing.Count > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The initial data has {missing.Count} sample(s) without forces (first: sample {missing[0]}), but the committee trains on forces (Training.ForceWeight = {forceWeight}); label forces or set ForceWeight to 0."));
        }

        if (_retraining.Validate().Count == 0)
        {
            int train = (int)Math.Round(_retraining.TrainFraction * _initialData.Count, MidpointRounding.AwayFromZero);
            if (train == 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The initial data ({_initialData.Count} samples) leaves no training samples with Retraining.TrainFraction = {_retraining.TrainFraction}."));
            }
        }
    }
}
