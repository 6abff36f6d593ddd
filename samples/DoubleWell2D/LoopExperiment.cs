using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Loop;
using AdversarialSampling.Models;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>
/// Runs one loop of one method through <see cref="ActiveLearningLoop"/> in <c>runs/&lt;method&gt;/loop-NN</c> under
/// the output directory, then measures every generation's committee on the grid. A loop whose <c>metrics.json</c>
/// was written with the same settings is reused; an interrupted one is resumed.
/// </summary>
/// <param name="options">The sample's options.</param>
/// <param name="grid">The evaluation grid.</param>
public sealed class LoopExperiment(SampleOptions options, DoubleWellGrid grid)
{
    /// <summary>Points drawn for the initial data (800, method.md §4).</summary>
    public const int InitialPoints = 800;

    /// <summary>Energy below which initial points are kept (−2 eV: the deep left basin only).</summary>
    public const double InitialMaxEnergy = -2;

    /// <summary>
    /// The physics gate of every method: no force bound. The analytic oracle is exact everywhere, and the default bound
    /// (100 eV/Å) would reject the labels the unbounded Paper-preset attack and the random displacements find outside the
    /// box (|x| ≳ 1.6 Å), which the paper labels. Inside the box the largest force norm is about 55 eV/Å, so the bounded
    /// methods (library defaults, uniform) are unaffected.
    /// </summary>
    public static PhysicsGate OpenGate { get; } = new() { MaxForceNorm = double.PositiveInfinity };

    /// <summary>The settings that decide a loop's result (compared before reusing one).</summary>
    public string Settings => string.Create(
        CultureInfo.InvariantCulture,
        $"generations={options.Generations};labels={options.Labels};width={options.Width};depth={options.Depth};members={options.Members};epochs={options.Epochs};patience={options.Patience};batch={options.BatchSize};ceiling={options.Ceiling};weightingKt={options.WeightingKt};sigma={ComparisonMethods.RandomDisplacementStd};split={(options.LoopSplit ? "loop-default" : "train-all")}{(options.NewLabelValidation > 0 ? ";newLabelValidation=" + options.NewLabelValidation.ToString("R", CultureInfo.InvariantCulture) : "")}");

    /// <summary>The cache key of a loop: <see cref="Settings"/> plus the SHA-256 of the loop's configuration fingerprint.</summary>
    /// <param name="activeLearning">The built loop.</param>
    /// <returns>The key.</returns>
    public string KeyOf(ActiveLearningLoop activeLearning)
    {
        ArgumentNullException.ThrowIfNull(activeLearning);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(activeLearning.Fingerprint));
        return Settings + ";fingerprint=" + Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>The run directory of a loop.</summary>
    /// <param name="method">Method key.</param>
    /// <param name="loop">Loop index.</param>
    /// <returns>The directory.</returns>
    public string LoopDirectory(string method, int loop)
        => Path.Combine(options.Out, "runs", method, string.Create(CultureInfo.InvariantCulture, $"loop-{loop:D2}"));

    /// <summary>The committee architecture: 5 MLP members over (x, y) (3 in smoke mode).</summary>
    /// <returns>The spec.</returns>
    public MlpSpec Spec() => new() { AtomCount = 1, InputComponents = [0, 1], Width = options.Width, Depth = options.Depth };

    /// <summary>Committee size and training: Adam 1e-2 (narrow committees need it on this toy), paper loss weights, early stopping.</summary>
    /// <returns>The options.</returns>
    public CommitteeOptions CommitteeOptions() => new()
    {
        Members = options.Members,
        Training = new TrainingOptions
        {
            Epochs = options.Epochs,
            EarlyStoppingPatience = options.Patience,
            BatchSize = options.BatchSize,
            LearningRate = 1e-2,
        },
    };

    /// <summary>The initial data of a loop: 800 uniform points in the box, seeded by the loop's seed, keeping E &lt; −2 eV.</summary>
    /// <param name="loop">Loop index.</param>
    /// <returns>The labelled points.</returns>
    public Dataset InitialData(int loop) => Potentials.DoubleWell2D.InitialTrainingSet(InitialPoints, InitialMaxEnergy, options.SeedOf(loop));

    /// <summary>Builds a method's loop (nothing runs; its run directory is <see cref="LoopDirectory"/>/run).</summary>
    /// <param name="method">Method key.</param>
    /// <param name="loop">Loop index.</param>
    /// <param name="initial">The loop's initial data (<see cref="InitialData"/>).</param>
    /// <returns>The loop.</returns>
    public ActiveLearningLoop Build(string method, int loop, Dataset initial)
    {
        var builder = ActiveLearningLoop.CreateBuilder()
            .WithCommittee(Spec(), CommitteeOptions())
            .WithOracle(new Potentials.DoubleWell2D())
            .WithPhysicsGate(OpenGate)
            .WithInitialData(initial)
            .WithGenerations(options.Generations)
            .WithRunDirectory(Path.Combine(LoopDirectory(method, loop), "run"))
            .WithSeed(options.SeedOf(loop));
        return ComparisonMethods.Configure(builder, method, initial, options).Build();
    }

    /// <summary>
    /// A finished loop opened for reading, with what the committee of <paramref name="generation"/> trained and validated on
    /// (<see cref="ActiveLearningLoop.LoadTrainingSplit"/>); for the diagnostics that retrain stored data.
    /// </summary>
    /// <param name="method">Method key.</param>
    /// <param name="loop">Loop index.</param>
    /// <param name="initial">The loop's initial data (<see cref="InitialData"/>).</param>
    /// <param name="generation">The generation.</param>
    /// <returns>The loop and its split.</returns>
    /// <exception cref="InvalidOperationException">The loop has no stored dataset for the generation.</exception>
    public (ActiveLearningLoop Loop, DatasetSplit Split) StoredSplit(string method, int loop, Dataset initial, int generation)
    {
        var activeLearning = Build(method, loop, initial);
        var split = activeLearning.LoadTrainingSplit(generation);
        if (split.Train.Count == 0)
        {
            throw new InvalidOperationException($"{LoopDirectory(method, loop)} has no stored dataset for generation {generation}; run the loops first (same options, same --out).");
        }

        return (activeLearning, split);
    }

    /// <summary>Runs (or resumes, or reuses) the loop and measures it.</summary>
    /// <param name="method">Method key.</param>
    /// <param name="loop">Loop index.</param>
    /// <param name="log">Progress lines (one per generation).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The loop's measurements.</returns>
    public async Task<LoopMetrics> RunAsync(string method, int loop, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        string directory = LoopDirectory(method, loop);
        int seed = options.SeedOf(loop);
        var initial = InitialData(loop);
        string runDirectory = Path.Combine(directory, "run");
        var activeLearning = Build(method, loop, initial);

        // The loop's fingerprint covers every result-changing setting (committee, training, attack, selection, retraining,
        // labelling gates), so a cached loop is reused only when it was computed with exactly this configuration.
        string settings = KeyOf(activeLearning);
        string metricsPath = Path.Combine(directory, "metrics.json");
        if (File.Exists(metricsPath))
        {
            var cached = LoopMetrics.Read(metricsPath);
            if (cached.Settings == settings)
            {
                return cached;
            }

            throw new InvalidOperationException($"{directory} holds a loop run with other settings ({cached.Settings}); choose another --out or delete it.");
        }

        var started = DateTime.UtcNow;
        bool resume = Directory.Exists(runDirectory) && Directory.EnumerateFileSystemEntries(runDirectory).Any();
        var reports = resume ? activeLearning.ResumeAsync(cancellationToken) : activeLearning.RunAsync(cancellationToken);
        await foreach (var report in reports.ConfigureAwait(false))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method} loop {loop:D2} generation {report.Generation}: +{report.LabelsAdded} labels, dataset {report.DatasetSize}"));
        }

        var metrics = new LoopMetrics
        {
            Method = method,
            Loop = loop,
            Seed = seed,
            Settings = settings,
            StartedUtc = started,
            Generations = Measure(activeLearning, method, loop, seed, initial, directory, cancellationToken),
            EndedUtc = DateTime.UtcNow,
        };
        metrics.Write(metricsPath);
        return metrics;
    }

    private List<GenerationMetrics> Measure(ActiveLearningLoop activeLearning, string method, int loop, int seed, Dataset initial, string directory, CancellationToken cancellationToken)
    {
        var initialKeys = initial.Select(Key).ToHashSet();
        var reports = activeLearning.ReadReports();
        var seconds = reports.ToDictionary(r => r.Generation, r => r.PhaseTimings.Values.Sum(t => t.TotalSeconds));
        var stop = reports.FirstOrDefault(r => r.StopReason is not LoopStopReason.None and not LoopStopReason.Completed);
        var records = new List<GenerationMetrics>();
        var acquired = new List<LabelledSample>();
        double elapsed = 0;
        for (int g = 0; g <= options.Generations; g++)
        {
            if (stop is not null && g >= stop.Generation)
            {
                // The committee of a stopped generation was not retrained: measure only the generations that finished.
                Console.Error.WriteLine($"{method} loop {loop}: the run stopped at generation {stop.Generation} ({stop.StopMessage}); measured generations 0–{g - 1}.");
                break;
            }

            var labels = activeLearning.LoadDataset(g).Where(s => !initialKeys.Contains(Key(s))).ToList();
            var known = acquired.Select(Key).ToHashSet();
            var fresh = labels.Where(s => !known.Contains(Key(s))).ToList();
            acquired.AddRange(fresh.Select(s => s.WithMetadata("generation", g)));
            GridErrors errors;
            using (TorchCommittee committee = activeLearning.LoadCommittee(g))
            {
                errors = grid.Evaluate(committee, cancellationToken);
            }

            elapsed += seconds.GetValueOrDefault(g);
            records.Add(new GenerationMetrics
            {
                Method = method,
                Loop = loop,
                Seed = seed,
                Generation = g,
                Errors = errors,
                LabelsSoFar = LabelStatistics.Of(acquired),
                NewLabels = fresh.Count,
                NewLabelPoints = [.. fresh.SelectMany(s => new[] { s.Structure.Positions[0], s.Structure.Positions[1] })],
                Seconds = elapsed,
            });
        }

        ExtendedXyzWriter.WriteSamples(Path.Combine(directory, "labels.extxyz"), acquired);
        return records;
    }

    private static (double X, double Y) Key(LabelledSample sample) => (sample.Structure.Positions[0], sample.Structure.Positions[1]);
}
