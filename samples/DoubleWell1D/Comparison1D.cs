using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Loop;
using AdversarialSampling.Models;
using AdversarialSampling.Samples.Shared;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using Well = AdversarialSampling.Potentials.DoubleWell1D;

namespace AdversarialSampling.Samples.OneDimension;

/// <summary>
/// Runs every method's loops (or reuses finished ones with the same settings), measures each generation's committee on a
/// grid of the line, and writes results.json and the plots.
/// </summary>
public static class Comparison1D
{
    /// <summary>Grid points over [−1.65, 1.65] Å (step 0.01 Å).</summary>
    public const int GridPoints = 331;

    /// <summary>The low-energy region: true E ≤ 1 eV (both wells and the barrier, |x| ≲ 1.4 Å).</summary>
    public const double LowEnergyLimit = 1;

    /// <summary>The barrier top (Å): labels with x above it and E below the barrier energy are in the shallow (right) well.</summary>
    public const double BarrierX = 0.075429;

    /// <summary>The barrier energy (eV).</summary>
    public const double BarrierEnergy = 0.056410;

    private static readonly JsonSerializerOptions RecordJson = new(SampleHost.JsonOptions) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The initial data of every loop: the paper's 66-point deep-well grid (<see cref="Well.InitialTrainingSet"/>).</summary>
    public static Dataset Initial { get; } = Well.InitialTrainingSet();

    /// <summary>The grid's x values (Å).</summary>
    public static IReadOnlyList<double> Grid { get; } = [.. Enumerable.Range(0, GridPoints).Select(i => -Well.TrainingRange + (2 * Well.TrainingRange * i / (GridPoints - 1)))];

    /// <summary>Runs the comparison and writes its outputs under <see cref="Options1D.Out"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Cancellation (finished loops stay reusable; an interrupted one resumes).</param>
    /// <returns>The results document (also written as results.json).</returns>
    public static async Task<JsonObject> RunAsync(Options1D options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(options.Out);
        if (options.MeasureAttackScale)
        {
            return MeasureAttackScale(options, log, cancellationToken);
        }

        var loops = new List<LoopRecord>();
        for (int loop = 0; loop < options.Loops; loop++)
        {
            foreach (string method in options.Methods)
            {
                var record = await RunLoopAsync(options, method, loop, cancellationToken).ConfigureAwait(false);
                var last = record.Generations[^1];
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method} loop {loop:D2} (seed {record.Seed}): {last.Labels} labels, energy RMSE E≤1 {last.EnergyRmseLow:F4} eV, grid {last.EnergyRmseGrid:F4} eV, right well {(last.ReachedRightWell ? "reached" : "not reached")}"));
                loops.Add(record);
            }
        }

        var document = Results(options, loops);
        File.WriteAllText(Path.Combine(options.Out, "results.json"), document.ToJsonString(SampleHost.JsonOptions));
        Plots1D.Curves(Path.Combine(options.Out, "curves.png"), [.. loops.Where(l => l.Loop == 0)]);
        Plots1D.RmseVersusLabels(Path.Combine(options.Out, "rmse-energy-low.png"), options.Methods, loops);
        log.WriteLine($"wrote {Path.Combine(options.Out, "results.json")}, curves.png and rmse-energy-low.png");
        return document;
    }

    /// <summary>The committee architecture: an MLP over x.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The spec.</returns>
    public static MlpSpec Spec(Options1D options) => new() { AtomCount = 1, InputComponents = [0], Width = options.Width, Depth = options.Depth };

    /// <summary>Committee size and training: Adam 1e-2, the paper's loss weights, early stopping.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The committee options.</returns>
    public static CommitteeOptions CommitteeOptions(Options1D options) => new()
    {
        Members = options.Members,
        Training = new TrainingOptions { Epochs = options.Epochs, EarlyStoppingPatience = options.Patience, BatchSize = 64, LearningRate = 1e-2 },
    };

    /// <summary>Builds one loop of a method (nothing runs).</summary>
    /// <param name="options">The options.</param>
    /// <param name="method">Method key.</param>
    /// <param name="seed">The loop seed.</param>
    /// <param name="runDirectory">The loop's run directory.</param>
    /// <returns>The loop.</returns>
    public static ActiveLearningLoop Build(Options1D options, string method, int seed, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = ActiveLearningLoop.CreateBuilder()
            .WithCommittee(Spec(options), CommitteeOptions(options))
            .WithOracle(new Well())
            .WithPhysicsGate(new Oracles.PhysicsGate { MaxForceNorm = double.PositiveInfinity }) // the unbounded attacks label |x| > 1.65, as the paper does
            .WithInitialData(Initial)
            .WithGenerations(options.Generations)
            .WithRunDirectory(runDirectory)
            .WithSeed(seed);
        return Methods1D.Configure(builder, method, Initial, options.Labels, options.FilteredRandom).Build();
    }

    private static async Task<LoopRecord> RunLoopAsync(Options1D options, string method, int loop, CancellationToken cancellationToken)
    {
        string directory = Path.Combine(options.Out, "runs", method, string.Create(CultureInfo.InvariantCulture, $"loop-{loop:D2}"));
        int seed = options.SeedOf(loop);
        string runDirectory = Path.Combine(directory, "run");
        var activeLearning = Build(options, method, seed, runDirectory);
        string key = string.Create(CultureInfo.InvariantCulture, $"generations={options.Generations};fingerprint=") + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(activeLearning.Fingerprint)))[..16];
        string recordPath = Path.Combine(directory, "metrics.json");
        if (File.Exists(recordPath))
        {
            LoopRecord cached;
            try
            {
                cached = JsonSerializer.Deserialize<LoopRecord>(File.ReadAllText(recordPath), RecordJson)
                    ?? throw new InvalidDataException($"{recordPath} is empty.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{recordPath} is not a measurement file of this sample ({e.Message}); delete it to measure the loop again.", e);
            }

            return cached.Key == key ? cached : throw new InvalidOperationException($"{directory} holds a loop run with other settings; choose another --out or delete it.");
        }

        var started = DateTime.UtcNow;
        bool resume = Directory.Exists(runDirectory) && Directory.EnumerateFileSystemEntries(runDirectory).Any();
        await foreach (var _ in (resume ? activeLearning.ResumeAsync(cancellationToken) : activeLearning.RunAsync(cancellationToken)).ConfigureAwait(false))
        {
        }

        var initialX = Initial.Select(s => s.Structure.Positions[0]).ToHashSet();
        var acquired = new List<(LabelledSample Sample, int Generation)>();
        var generations = new List<GenerationRecord>();
        foreach (var report in activeLearning.ReadReports())
        {
            int g = report.Generation;
            var known = acquired.Select(a => a.Sample.Structure.Positions[0]).ToHashSet();
            acquired.AddRange(activeLearning.LoadDataset(g).Where(s => !initialX.Contains(s.Structure.Positions[0]) && !known.Contains(s.Structure.Positions[0])).Select(s => (s, g)));
            CommitteePrediction prediction;
            using (TorchCommittee committee = activeLearning.LoadCommittee(g))
            {
                prediction = committee.Predict([.. Grid.Select(x => Well.Particle(x))], cancellationToken);
            }

            generations.Add(GenerationRecord.Measure(g, [.. prediction.Structures.Select(p => p.MeanEnergy)], [.. prediction.Structures.Select(p => p.MeanForces[0])], [.. acquired.Select(a => a.Sample.Structure.Positions[0])]));
        }

        ExtendedXyzWriter.WriteSamples(Path.Combine(directory, "labels.extxyz"), [.. acquired.Select(a => a.Sample.WithMetadata("generation", a.Generation))]);
        var record = new LoopRecord
        {
            Method = method,
            Loop = loop,
            Seed = seed,
            Key = key,
            Seconds = (DateTime.UtcNow - started).TotalSeconds,
            StartedUtc = started,
            EndedUtc = DateTime.UtcNow,
            Generations = generations,
            Labels = [.. acquired.Select(a => new LabelPoint(a.Sample.Structure.Positions[0], a.Sample.Energy, a.Generation))],
        };
        File.WriteAllText(recordPath, JsonSerializer.Serialize(record, RecordJson));
        return record;
    }

    private static JsonObject MeasureAttackScale(Options1D options, TextWriter log, CancellationToken cancellationToken)
    {
        var attack = new GradientAttack(GradientAttackOptions.Paper(PaperSystem.DoubleWell1D));
        var seeds = Initial.Select(s => s.Structure).ToList();
        var moves = new List<double>();
        for (int loop = 0; loop < options.Loops; loop++)
        {
            using var committee = new TorchCommittee(Spec(options), CommitteeOptions(options) with { Seed = options.SeedOf(loop) });
            committee.Train(Initial, Dataset.Empty, cancellationToken: cancellationToken);
            var outcomes = attack.Attack(committee, seeds, new AttackContext(Initial, options.SeedOf(loop)), cancellationToken);
            var these = outcomes.Select(o => Math.Abs(o.Structure.Positions[0] - seeds[o.SeedIndex].Positions[0])).ToList();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {options.SeedOf(loop)}: {these.Count} attacks, mean |Δx| {these.Average():F4} Å, median {Selection.Percentile.Linear(these, 50):F4} Å"));
            moves.AddRange(these);
        }

        double mean = moves.Average();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all: {moves.Count} attacks, mean |Δx| {mean:F4} Å → uniform half-width ε = 2 × mean = {2 * mean:F3} Å"));
        return new JsonObject { ["attacks"] = moves.Count, ["meanAbsDisplacement"] = mean, ["uniformHalfWidth"] = 2 * mean };
    }

    private static JsonObject Results(Options1D options, IReadOnlyList<LoopRecord> loops)
    {
        var methods = new JsonObject();
        foreach (string method in options.Methods)
        {
            var mine = loops.Where(l => l.Method == method).ToList();
            var rows = new JsonArray();
            for (int g = 0; g <= options.Generations; g++)
            {
                var at = mine.Where(l => l.Generations.Count > g).Select(l => l.Generations[g]).ToList();
                rows.Add(new JsonObject
                {
                    ["generation"] = g,
                    ["loops"] = at.Count,
                    ["labels"] = Median(at.Select(r => (double)r.Labels)),
                    ["energyRmseLowMedian"] = Median(at.Select(r => r.EnergyRmseLow)),
                    ["energyRmseLowIqr"] = Iqr(at.Select(r => r.EnergyRmseLow)),
                    ["energyRmseGridMedian"] = Median(at.Select(r => r.EnergyRmseGrid)),
                    ["forceRmseLowMedian"] = Median(at.Select(r => r.ForceRmseLow)),
                    ["meanLabelEnergy"] = Median(at.Where(r => r.Labels > 0).Select(r => r.MeanLabelEnergy)),
                    ["maxLabelEnergy"] = at.Where(r => r.Labels > 0).Select(r => (double?)r.MaxLabelEnergy).Max(),
                    ["reachedRightBasin"] = at.Count(r => r.ReachedRightWell),
                });
            }

            methods[method] = new JsonObject { ["generations"] = rows };
        }

        return new JsonObject
        {
            ["loops"] = options.Loops,
            ["wallSeconds"] = SampleHost.BusySeconds(loops.Select(l => (l.StartedUtc, l.EndedUtc))), // the time any of the reported loops was running, reused ones included
            ["computeSeconds"] = loops.Sum(l => l.Seconds),
            ["settings"] = new JsonObject
            {
                ["surface"] = "E(x) = 5x^4 - 10x^2 + 1.5x (eV, Å): deep well -6.53 at x = -1.036, shallow well -3.53 at 0.960, barrier 0.056 at 0.075",
                ["initialData"] = "DoubleWell1D.InitialTrainingSet(): 500-point grid on [-1.65, 1.65] keeping E < -5.5, 66 points in the deep well",
                ["committee"] = string.Create(CultureInfo.InvariantCulture, $"{options.Members} × MLP 1→{string.Join("→", Enumerable.Repeat(options.Width, options.Depth - 1))}→1, Adam 1e-2, at most {options.Epochs} epochs, patience {options.Patience}; re-initialised every generation, new labels ×4, all initial data in training"),
                ["generations"] = options.Generations,
                ["labelsPerGeneration"] = options.Labels,
                ["grid"] = string.Create(CultureInfo.InvariantCulture, $"{GridPoints} points over [-1.65, 1.65]; low region: true E <= {LowEnergyLimit}"),
                ["randomDisplacement"] = string.Create(CultureInfo.InvariantCulture, $"uniform in ±{Methods1D.RandomHalfWidth} Å (the paper code's random attacker)"),
                ["randomDisplacementSelection"] = options.FilteredRandom ? "the adversarial methods' selection, 80th-percentile uncertainty threshold included (as the paper code's loop)" : "no uncertainty threshold",
                ["firstSeed"] = options.FirstSeed,
                ["smoke"] = options.Smoke,
            },
            ["methods"] = methods,
            ["perSeed"] = PerSeed(options, loops),
        };
    }

    private static JsonArray PerSeed(Options1D options, IReadOnlyList<LoopRecord> loops)
    {
        var rows = new JsonArray();
        foreach (var group in loops.GroupBy(l => l.Seed).OrderBy(g => g.Key))
        {
            var row = new JsonObject { ["seed"] = group.Key };
            foreach (var l in group)
            {
                row[l.Method] = l.Generations[^1].EnergyRmseLow;
            }

            if (group.FirstOrDefault(l => l.Method == Methods1D.RandomDisplacement) is { } random && group.FirstOrDefault(l => l.Method == Methods1D.AdversarialPaper) is { } paper)
            {
                row["randomOverPaper"] = random.Generations[^1].EnergyRmseLow / paper.Generations[^1].EnergyRmseLow;
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The median of the finite values, or null when there are none.</summary>
    /// <param name="values">Values.</param>
    /// <returns>The median.</returns>
    internal static double? Median(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? null : Percentile.Linear(finite, 50);
    }

    private static JsonArray Iqr(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? [null, null] : [Percentile.Linear(finite, 25), Percentile.Linear(finite, 75)];
    }
}

/// <summary>One loop's measurements (metrics.json in its directory).</summary>
public sealed record LoopRecord
{
    /// <summary>Method key.</summary>
    public required string Method { get; init; }

    /// <summary>Loop index.</summary>
    public required int Loop { get; init; }

    /// <summary>Loop seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Generations and the SHA-256 of the loop's fingerprint: a cached loop is reused only with the same key.</summary>
    public required string Key { get; init; }

    /// <summary>Wall time of the run and measurement (s).</summary>
    public double Seconds { get; init; }

    /// <summary>When the loop started (UTC).</summary>
    public required DateTime StartedUtc { get; init; }

    /// <summary>When its measurement ended (UTC).</summary>
    public required DateTime EndedUtc { get; init; }

    /// <summary>Per generation (0 … N).</summary>
    public required IReadOnlyList<GenerationRecord> Generations { get; init; }

    /// <summary>Every new label: x (Å), energy (eV), generation.</summary>
    public required IReadOnlyList<LabelPoint> Labels { get; init; }
}

/// <summary>A new label of a loop.</summary>
/// <param name="X">Position (Å).</param>
/// <param name="Energy">True energy (eV).</param>
/// <param name="Generation">The generation that labelled it.</param>
public sealed record LabelPoint(double X, double Energy, int Generation);

/// <summary>One generation's committee errors on the grid (eV, eV/Å) and its labels so far.</summary>
/// <param name="Generation">Generation.</param>
/// <param name="EnergyRmseLow">Energy RMSE on the grid points with true E ≤ 1 (eV).</param>
/// <param name="EnergyRmseGrid">Energy RMSE on the whole grid (eV).</param>
/// <param name="ForceRmseLow">Force RMSE on the E ≤ 1 points (eV/Å), committee-mean force against −dE/dx.</param>
/// <param name="Labels">New labels so far.</param>
/// <param name="MeanLabelEnergy">Mean true energy of those labels (eV; NaN without labels).</param>
/// <param name="MaxLabelEnergy">Highest true energy among them (eV; NaN without labels).</param>
/// <param name="ReachedRightWell">Whether a label lies in the shallow well (x above the barrier, E below it).</param>
/// <param name="Predicted">The committee-mean energy on the grid (eV).</param>
public sealed record GenerationRecord(int Generation, double EnergyRmseLow, double EnergyRmseGrid, double ForceRmseLow, int Labels, double MeanLabelEnergy, double MaxLabelEnergy, bool ReachedRightWell, IReadOnlyList<double> Predicted)
{
    /// <summary>Measures a generation.</summary>
    /// <param name="generation">Generation.</param>
    /// <param name="energies">Committee-mean energy on <see cref="Comparison1D.Grid"/> (eV).</param>
    /// <param name="forces">Committee-mean force along x on the grid (eV/Å).</param>
    /// <param name="labels">x of every new label so far (Å).</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException">A list whose length is not the grid's.</exception>
    public static GenerationRecord Measure(int generation, IReadOnlyList<double> energies, IReadOnlyList<double> forces, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(energies);
        ArgumentNullException.ThrowIfNull(forces);
        ArgumentNullException.ThrowIfNull(labels);
        var grid = Comparison1D.Grid;
        if (energies.Count != grid.Count || forces.Count != grid.Count)
        {
            throw new ArgumentException($"Expected {grid.Count} energies and forces (one per grid point); found {energies.Count} and {forces.Count}.");
        }

        double eLow = 0, eAll = 0, fLow = 0;
        int low = 0;
        for (int i = 0; i < grid.Count; i++)
        {
            double truth = Well.Energy(grid[i]);
            double de = energies[i] - truth;
            eAll += de * de;
            if (truth <= Comparison1D.LowEnergyLimit)
            {
                double df = forces[i] + Well.Derivative(grid[i]);
                eLow += de * de;
                fLow += df * df;
                low++;
            }
        }

        var labelEnergies = labels.Select(Well.Energy).ToList();
        return new GenerationRecord(
            generation,
            Math.Sqrt(eLow / low),
            Math.Sqrt(eAll / grid.Count),
            Math.Sqrt(fLow / low),
            labels.Count,
            labelEnergies.Count == 0 ? double.NaN : labelEnergies.Average(),
            labelEnergies.Count == 0 ? double.NaN : labelEnergies.Max(),
            labels.Any(x => x > Comparison1D.BarrierX && Well.Energy(x) <= Comparison1D.BarrierEnergy),
            energies);
    }
}
