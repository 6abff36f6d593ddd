using System.Globalization;
using System.Text.Json;
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Loop;
using AdversarialSampling.Models;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using AdversarialSampling.Xtb;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>
/// Runs one loop (method, seed) through <see cref="ActiveLearningLoop"/> in runs/&lt;method&gt;/seed-NN under the output
/// directory, then measures every generation's committee (<see cref="CommitteeProbe"/>). A loop whose metrics.json was
/// written with the same settings is reused; an interrupted one is resumed. Committees with identical parameters (the
/// generation-0 committees of the methods of one seed) are measured once.
/// </summary>
public sealed class LoopExperiment(SampleOptions options, ReferenceData reference, Dataset initial, XtbOracle oracle)
{
    private readonly CommitteeProbe _probe = new(reference, options);

    /// <summary>
    /// The committee architecture, float32 (the library default): with --committee library the library's default
    /// <see cref="SchNetSpec"/> (64 features, 3 interaction blocks, 25 Gaussians, cutoff 5 Å, filter 64, readout 32); by
    /// default the sample's small one (16 features, 2 blocks, 20 Gaussians, cutoff 4 Å, filter and readout 16);
    /// --features (feature and filter width) and --interactions override either.
    /// </summary>
    /// <returns>The spec.</returns>
    public SchNetSpec Spec() => options.LibrarySpec
        ? new() { Features = options.Features, Interactions = options.Interactions, FilterWidth = options.Features }
        : new()
        {
            Cutoff = 4.0,
            Features = options.Features,
            Interactions = options.Interactions,
            Gaussians = 20,
            FilterWidth = options.Features,
            ReadoutWidth = options.Features,
            MaxAtomicNumber = 7,
        };

    /// <summary>
    /// Committee size and training: the library's <see cref="TrainingOptions"/> (plateau decay, loss 1·MSE(E) + 10·MSE(F)) with the
    /// options' epochs, patience, minibatch and learning rate (sample preset: ≤ 200 epochs, patience 40, minibatch 32, Adam 3e-3;
    /// --committee library: the library's 400, 50, 35, 1e-3) and loss weights.
    /// </summary>
    /// <returns>The options.</returns>
    public CommitteeOptions CommitteeOptions() => new()
    {
        Members = options.Members,
        Training = new TrainingOptions
        {
            Epochs = options.Epochs,
            EarlyStoppingPatience = options.Patience,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            EnergyWeight = options.EnergyWeight,
            ForceWeight = options.ForceWeight,
        },
    };

    /// <summary>Retraining of every method: re-initialised, new labels ×4, initial data split 0.8 / 0.2 (train / validation).</summary>
    public static RetrainingOptions Retraining { get; } = new() { TrainFraction = 0.8, ValidationFraction = 0.2 };

    /// <summary><see cref="Retraining"/> with the sample's optional Boltzmann loss weighting (--loss-weighting-kT).</summary>
    /// <param name="options">The sample's options.</param>
    /// <returns>The retraining options.</returns>
    public static RetrainingOptions RetrainingFor(SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.LossWeightingKcal is { } kcal
            ? Retraining with { LossWeighting = new BoltzmannLossWeighting { ThermalEnergy = kcal * Units.KcalPerMol } }
            : Retraining;
    }

    /// <summary>
    /// Duplicate radius of the selection (Å, Kabsch RMSD): 0.02 Å, about the median nearest-neighbour RMSD of the initial
    /// set (0.025 Å; 0.008–0.043 Å). The library default, 0.1 Å, is more than twice the largest of those distances: on NH3 it
    /// declares the whole sub-barrier region "known" (measured: 53 of 62 library-default attack candidates of generation 1
    /// rejected as duplicates of training, 5 labels left).
    /// </summary>
    public const double DuplicateRadius = 0.02;

    /// <summary>Selection of every method: the library defaults (80th percentile threshold, random cap) with <see cref="DuplicateRadius"/>.</summary>
    /// <param name="labels">The cap (labels per generation).</param>
    /// <param name="capMode">How the cap picks (default random, the library's; <c>--cap farthest</c>: farthest point).</param>
    /// <returns>The options.</returns>
    public static SelectionOptions Selection(int labels, CapMode capMode = CapMode.Random)
        => new() { Cap = labels, DistanceToTraining = DuplicateRadius, DistanceBetweenCandidates = DuplicateRadius, CapMode = capMode };

    /// <summary>The settings that decide a loop's result (compared before reusing one).</summary>
    public string Settings
    {
        get
        {
            var spec = Spec();
            var training = CommitteeOptions().Training;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"reference={reference.Key};duplicateRadius={DuplicateRadius};generations={options.Generations};labels={options.Labels};members={options.Members};features={spec.Features};interactions={spec.Interactions};gaussians={spec.Gaussians};cutoff={spec.Cutoff:R};filter={spec.FilterWidth};readout={spec.ReadoutWidth};epochs={training.Epochs};patience={training.EarlyStoppingPatience};batch={training.BatchSize};lr={training.LearningRate:R};wE={training.EnergyWeight:R};wF={training.ForceWeight:R};attack=kT{options.AttackKTSpreads:R}/ceiling{options.AttackCeilingSpreads:R}/steps{GradientAttackOptions.DefaultSteps}/lr{GradientAttackOptions.DefaultLearningRate:R}{(options.AttackSoftModes is { } k ? $"/softModes{k}" : "")};trajectories={options.Trajectories};mdPs={options.MdPicoseconds:R};stability={(options.StabilityFirst ? "first+last" : "last")};smoke={options.Smoke}{(options.LossWeightingKcal is { } w ? $";lossWeightingKcal={w:R}" : "")}{(options.AttackMetric == "force" ? "" : $";attackMetric={options.AttackMetric}")}{(options.FarthestPointCap ? ";cap=farthest" : "")}");
        }
    }

    /// <summary>
    /// Whether a loop recorded with <paramref name="recorded"/> settings was run with the settings that decide
    /// <paramref name="method"/>'s result now. The attack settings (the <c>attack=</c> and <c>attackMetric=</c> parts of
    /// <see cref="Settings"/>) decide only the <see cref="MethodKeys.Adversarial"/> loops, so the other methods' loops are
    /// reused across runs that differ only in them.
    /// </summary>
    /// <param name="recorded">A loop's recorded <see cref="LoopMetrics.Settings"/>.</param>
    /// <param name="method">Method key.</param>
    /// <returns>True when the loop may be reused.</returns>
    public bool SettingsMatch(string recorded, string method)
        => method == MethodKeys.Adversarial ? recorded == Settings : WithoutAttack(recorded) == WithoutAttack(Settings);

    /// <summary>A settings key without its attack parts (<c>attack=…</c>, <c>attackMetric=…</c>).</summary>
    /// <param name="settings">A settings key.</param>
    /// <returns>The key without them.</returns>
    public static string WithoutAttack(string settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Join(';', settings.Split(';').Where(part => !part.StartsWith("attack=", StringComparison.Ordinal) && !part.StartsWith("attackMetric=", StringComparison.Ordinal)));
    }

    /// <summary>The run directory of a loop.</summary>
    /// <param name="method">Method key.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The directory.</returns>
    public string LoopDirectory(string method, int seed)
        => Path.Combine(options.Out, "runs", method, string.Create(CultureInfo.InvariantCulture, $"seed-{seed:D2}"));

    /// <summary>Runs (or resumes, or reuses) the loop and measures it.</summary>
    /// <param name="method">Method key.</param>
    /// <param name="seed">Loop seed.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The measurements.</returns>
    public async Task<LoopMetrics> RunAsync(string method, int seed, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        string directory = LoopDirectory(method, seed);
        string metricsPath = Path.Combine(directory, "metrics.json");
        if (File.Exists(metricsPath))
        {
            var cached = LoopMetrics.Read(metricsPath);
            if (SettingsMatch(cached.Settings, method))
            {
                return cached;
            }

            throw new InvalidOperationException($"{directory} holds a loop run with other settings ({cached.Settings}); choose another --out or delete it.");
        }

        string runDirectory = Path.Combine(directory, "run");
        var loop = BuildLoop(method, seed);
        var started = DateTime.UtcNow;
        bool resume = Directory.Exists(runDirectory) && Directory.EnumerateFileSystemEntries(runDirectory).Any();
        await foreach (var report in (resume ? loop.ResumeAsync(cancellationToken) : loop.RunAsync(cancellationToken)).ConfigureAwait(false))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method} seed {seed:D2} generation {report.Generation}: +{report.LabelsAdded} labels, dataset {report.DatasetSize}, {report.PhaseTimings.Values.Sum(t => t.TotalSeconds):F0} s"));
        }

        var metrics = new LoopMetrics
        {
            Method = method,
            Seed = seed,
            Settings = Settings,
            StartedUtc = started,
            Generations = Measure(loop, method, seed, directory, log, cancellationToken),
            EndedUtc = DateTime.UtcNow,
        };
        metrics.Write(metricsPath);
        return metrics;
    }

    /// <summary>The loop of a method and seed (built, not run).</summary>
    /// <param name="method">Method key.</param>
    /// <param name="seed">Loop seed.</param>
    /// <returns>The loop.</returns>
    public ActiveLearningLoop BuildLoop(string method, int seed)
    {
        var builder = ActiveLearningLoop.CreateBuilder()
            .WithCommittee(Spec(), CommitteeOptions())
            .WithOracle(oracle)
            .WithInitialData(initial)
            .WithGenerations(options.Generations)
            .WithRetraining(RetrainingFor(options))
            .WithSelection(Selection(options.Labels, options.FarthestPointCap ? CapMode.FarthestPoint : CapMode.Random))
            .WithUncertainty(method == MethodKeys.Adversarial ? Methods.AttackMetric(options) : new ForceVariance())
            .WithMaxFailureRatio(1.0)
            .WithRunDirectory(Path.Combine(LoopDirectory(method, seed), "run"))
            .WithSeed(seed);
        return Methods.Configure(builder, method, initial, options).Build();
    }

    /// <summary>
    /// Measures a loop that has not finished (or whose process was stopped): its finished generations, the barrier of each, and
    /// the stability test only where it was already measured (cached); nothing is trained or labelled.
    /// </summary>
    /// <param name="method">Method key.</param>
    /// <param name="seed">Loop seed.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The partial measurements, or null when the loop has no finished generation.</returns>
    public LoopMetrics? MeasurePartial(string method, int seed, TextWriter log, CancellationToken cancellationToken = default)
    {
        string directory = LoopDirectory(method, seed);
        if (!Directory.Exists(Path.Combine(directory, "run")))
        {
            return null;
        }

        var started = DateTime.UtcNow;
        var generations = Measure(BuildLoop(method, seed), method, seed, directory, log, cancellationToken, cachedStabilityOnly: true);
        return generations.Count == 0 ? null : new LoopMetrics
        {
            Method = method,
            Seed = seed,
            Settings = Settings,
            StartedUtc = started,
            EndedUtc = started,
            Complete = false,
            Generations = generations,
        };
    }

    private List<GenerationMetrics> Measure(ActiveLearningLoop loop, string method, int seed, string directory, TextWriter log, CancellationToken cancellationToken, bool cachedStabilityOnly = false)
    {
        var initialKeys = initial.Select(Key).ToHashSet(StringComparer.Ordinal);
        var reports = loop.ReadReports().Where(r => r.PhaseTimings.ContainsKey(LoopPhase.Train)).ToDictionary(r => r.Generation);
        var acquired = new List<LabelledSample>();
        var records = new List<GenerationMetrics>();
        for (int g = 0; g <= options.Generations && reports.ContainsKey(g); g++)
        {
            var report = reports[g];
            var known = acquired.Select(Key).ToHashSet(StringComparer.Ordinal);
            var fresh = loop.LoadDataset(g).Where(s => !initialKeys.Contains(Key(s)) && known.Add(Key(s))).ToList();
            var attacked = fresh.Where(s => s.GetMetadata("explorer", "").EndsWith(nameof(GradientAttack), StringComparison.Ordinal)).ToList();
            acquired.AddRange(fresh.Select(s => s.WithMetadata("generation", (long)g)));
            CommitteeMetrics committee;
            using (var trained = loop.LoadCommittee(g))
            {
                committee = MeasureOnce(trained, StabilityGeneration(g), cachedStabilityOnly, cancellationToken);
            }

            records.Add(new GenerationMetrics
            {
                Method = method,
                Seed = seed,
                Generation = g,
                Labels = acquired.Count,
                NewLabels = fresh.Count,
                NewLabelEnergiesKcalPerMol = [.. fresh.Select(s => Math.Round((s.Energy - reference.MinimumEnergy) / Units.KcalPerMol, 4))],
                Candidates = report.CandidatesByExplorer.Values.Sum(),
                OracleSeconds = Math.Round(report.PhaseTimings.GetValueOrDefault(LoopPhase.Label).TotalSeconds, 2),
                OracleFailures = report.FailuresByKind.Values.Sum(),
                LoopSeconds = Math.Round(report.PhaseTimings.Values.Sum(t => t.TotalSeconds), 2),
                SelectionThreshold = report.Uncertainty?.Threshold ?? double.NaN,
                NewLabelPyramidHeights = [.. fresh.Select(s => Math.Round(AmmoniaGeometry.PyramidHeight(s.Structure), 4))],
                NewLabelAttackSteps = [.. attacked.Select(s => (int)s.GetMetadata("attack_steps", 0L))],
                NewLabelCeilingExits = attacked.Count(s => s.GetMetadata("attack_exit", "") == nameof(AttackExitReason.EnergyCeiling)),
                Committee = committee,
            });
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method} seed {seed:D2} generation {g}: {acquired.Count} labels, barrier {committee.BarrierKcalPerMol:F3} kcal/mol (xtb {reference.BarrierKcalPerMol:F3}), stable {committee.StableFraction:P0} at 0.5 fs, {committee.StableFraction1Fs:P0} at 1 fs ({committee.Seconds:F0} s)"));
        }

        if (!cachedStabilityOnly)
        {
            ExtendedXyzWriter.WriteSamples(Path.Combine(directory, "labels.extxyz"), acquired);
        }

        return records;
    }

    /// <summary>
    /// Whether generation <paramref name="g"/> gets the NN-MD stability test: the last generation (the committee the
    /// acceptance judges) and, unless --stability last, generation 0. The test costs 15 000 batched MD steps per committee,
    /// too much for every generation of 15 loops in the time available; the other generations get the barrier only.
    /// </summary>
    /// <param name="g">Generation.</param>
    /// <returns>True to run the stability test.</returns>
    public bool StabilityGeneration(int g) => (g == 0 && options.StabilityFirst) || g == options.Generations;

    /// <summary>Measures a committee, or reads the measurement of an identical committee (same parameters, same probe settings).</summary>
    private CommitteeMetrics MeasureOnce(TorchCommittee committee, bool stability, bool cachedStabilityOnly, CancellationToken cancellationToken)
    {
        string checksum = CommitteeProbe.Checksum(committee);
        string cacheDirectory = Path.Combine(options.Out, "committee-metrics");
        string full = Path.Combine(cacheDirectory, string.Create(CultureInfo.InvariantCulture, $"{checksum}-{options.Trajectories}x{options.MdPicoseconds:R}ps.json"));
        string path = stability ? full : Path.Combine(cacheDirectory, checksum + "-barrier.json");
        foreach (string cached in stability ? new[] { full } : new[] { full, path })
        {
            if (File.Exists(cached))
            {
                return JsonSerializer.Deserialize<CommitteeMetrics>(File.ReadAllText(cached), LoopMetrics.JsonOptions)!;
            }
        }

        if (stability && cachedStabilityOnly)
        {
            return MeasureOnce(committee, stability: false, cachedStabilityOnly, cancellationToken);
        }

        var metrics = _probe.Measure(committee, stability, cancellationToken);
        Directory.CreateDirectory(cacheDirectory);
        File.WriteAllText(path, JsonSerializer.Serialize(metrics, LoopMetrics.JsonOptions));
        return metrics;
    }

    private static string Key(LabelledSample sample) => string.Join(",", sample.Structure.Positions.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
}
