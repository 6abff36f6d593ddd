using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Models;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// <c>--nh3-attack-report [--seeds 20] [--epochs 200] [--threads 1] [--metric force[,energy,energy-per-atom,max-atom]] [--starts 1[,8]] [--start-std 0.01] [--project-guard] [--soft-modes default|off|K] [--sweep] [--only TEXT] [--write DIR]</c>:
/// the distributions behind the NH3 acceptance test (tests/…/Attacks/AmmoniaAttackAcceptanceTests). Trains the same
/// committee (default 5-member SchNet on 62 of the 78 generation-0 frames of samples/data/ammonia-bp86: 80/20 split
/// with seed 0, Adam 3e-3, minibatches of 8, 200 epochs, energy/force weights 0.1/1), prints the committee's
/// uncertainties along the umbrella path of the lowest-energy frame (<see cref="AmmoniaUmbrellaScan"/>), attacks the
/// lowest-energy generation-0 frames with the library default — once per <c>--metric</c> (default: force only; the
/// other metrics replace <c>ForceVariance</c> in the objective, everything else stays the default; and once per
/// <c>--starts</c> count: k &gt; 1 attacks every seed from k random starts of δ₀ std <c>--start-std</c> Å and keeps the
/// start with the highest log objective, <see cref="GradientAttackOptions.BestStartPerSeed"/>; <c>--project-guard</c>
/// sets <see cref="AttackBounds.ProjectOnDistanceGuard"/>) — and the
/// paper's molecular preset (with <c>--sweep</c> also with other temperatures, step
/// counts, result choices and distance guards; <c>--only TEXT</c> keeps the settings whose name contains TEXT) and prints, per setting, a summary row and the quantiles (min, 10, 25, 50, 75, 90 %,
/// max) of: the force variance u_F of the seeds and of the attacked geometries and its per-seed ratio, the pyramid
/// height h (distance of N from the plane of the three H, signed: negative = inverted) of seeds and attacked
/// geometries and its change, the smallest interatomic distance, the longest N–H bond, and the committee's energy
/// above the training minimum. <c>--write DIR</c> also writes each setting's attacked geometries to
/// DIR/attack-NN.extxyz (with seed index, committee energy and force variance, pyramid height).
/// </summary>
internal static class AmmoniaAttackReport
{
    private static readonly double[] Levels = [0, 10, 25, 50, 75, 90, 100];

    public static int Run(string[] args)
    {
        int seedCount = TimingMode.Int(args, "--seeds", 20), epochs = TimingMode.Int(args, "--epochs", 200);
        TorchSharp.torch.set_num_threads(TimingMode.Int(args, "--threads", 1));
        bool sweep = args.Contains("--sweep");
        string? write = TimingMode.Text(args, "--write", string.Empty) is { Length: > 0 } w ? w : null;
        var initial = BenchSystems.Ammonia().Where(s => s.GetMetadata("generation", -1L) == 0);
        var split = initial.Split(0.8, 0, 0);
        var training = split.Train;
        using var committee = new TorchCommittee(
            new SchNetSpec(),
            new CommitteeOptions
            {
                Members = 5,
                Seed = 0,
                Training = new TrainingOptions { Epochs = epochs, BatchSize = 8, LearningRate = 3e-3, EnergyWeight = 0.1, ForceWeight = 1, EarlyStoppingPatience = 0 },
            });
        var clock = Stopwatch.StartNew();
        committee.Train(training, Dataset.Empty);
        double spread = training.Max(s => s.Energy) - training.Min(s => s.Energy);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Committee: default 5-member SchNet, {training.Count} generation-0 frames (E spread {spread:F3} eV), {epochs} epochs in {clock.Elapsed.TotalSeconds:F1} s. Seeds: the {seedCount} lowest-energy generation-0 frames."));
        var seeds = BenchSystems.LowestEnergy(initial, seedCount);
        double minimum = training.Min(s => s.Energy);
        // --soft-modes K|off|default: docs/attacks.md §3 was measured with every coordinate free ("off").
        var library = GradientAttackOptions.Default(training);
        string softArgument = TimingMode.Text(args, "--soft-modes", "default");
        int? softModes = softArgument switch
        {
            "default" => library.SoftModes,
            "off" => null,
            _ => int.Parse(softArgument, CultureInfo.InvariantCulture),
        };
        string softName = softModes == library.SoftModes ? string.Empty : softModes is { } k ? $", {k} soft modes" : ", soft modes off";
        var defaults = library with { SoftModes = softModes };
        AmmoniaUmbrellaScan.Print(committee, seeds[0], minimum, defaults.Objective.Temperature.KT);
        var settings = new List<(string Name, GradientAttackOptions Options)>();
        var startCounts = TimingMode.Text(args, "--starts", "1").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        double startStd = double.Parse(TimingMode.Text(args, "--start-std", "0.01"), CultureInfo.InvariantCulture);
        foreach (string metric in TimingMode.Text(args, "--metric", "force").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (int starts in startCounts)
            {
                string name = (metric == "force" ? "library default" : $"default, metric {metric}") + softName
                    + (starts > 1 ? string.Create(CultureInfo.InvariantCulture, $", {starts} starts (δ₀ std {startStd:G2} Å), best per seed") : string.Empty);
                var options = defaults with { Objective = defaults.Objective with { Metric = Metric(metric) } };
                if (args.Contains("--project-guard"))
                {
                    name += ", projecting guard";
                    options = options with { Bounds = options.Bounds with { ProjectOnDistanceGuard = true } };
                }

                settings.Add((name, starts > 1 ? options with { Starts = starts, DeltaStd = startStd } : options));
            }
        }

        settings.Add(("paper (molecule)", GradientAttackOptions.Paper(PaperSystem.Molecule)));
        if (sweep)
        {
            var d = defaults;
            foreach (double factor in new[] { 0.25, 0.5, 2, 4 })
            {
                settings.Add(($"default, kT {factor}× spread", d with { Objective = d.Objective with { Temperature = Temperature.FromThermalEnergy(factor * spread) } }));
            }

            settings.Add(("default, last geometry", d with { Result = AttackResultGeometry.Last }));
            settings.Add(("default, δ₀ std 0.05 Å", d with { DeltaStd = 0.05 }));
            settings.Add(("default, 1200 steps", d with { Steps = 1200 }));
            settings.Add(("default, 100 steps of 1e-2", d with { Steps = 100, LearningRate = 1e-2 }));
            settings.Add(("default, no ceiling", d with { Bounds = d.Bounds with { EnergyCeiling = null } }));
            settings.Add(("default, kT ∞ (uncertainty only)", d with { Objective = d.Objective with { Temperature = Temperature.Infinite } }));
            settings.Add(("paper (molecule) + guard 0.5", GradientAttackOptions.Paper(PaperSystem.Molecule) with { Bounds = new AttackBounds { Epsilon = 3, MinDistanceFactor = 0.5 } }));
            foreach (double g in new[] { 0.7, 0.8, 0.9 })
            {
                settings.Add(($"default, training-distance guard {g}", d with { Bounds = d.Bounds with { MinTrainingDistanceFactor = g } }));
                settings.Add(($"paper (molecule), training-distance guard {g}", GradientAttackOptions.Paper(PaperSystem.Molecule) with { Bounds = new AttackBounds { Epsilon = 3, MinTrainingDistanceFactor = g } }));
            }
        }

        string only = TimingMode.Text(args, "--only", string.Empty);
        settings.RemoveAll(s => !s.Name.Contains(only, StringComparison.Ordinal));

        var forceVariance = new ForceVariance();
        var seedForceVariance = forceVariance.EvaluateAll(committee.Predict(seeds));
        double flattest = training.Min(s => Height(s.Structure, s.Structure));
        var shortest = ShortestTrainingDistances(training);
        var results = new List<(string Name, GradientAttackOptions Options, IReadOnlyList<AttackOutcome> Outcomes, double[] ForceAfter, double Seconds)>();
        foreach (var (name, options) in settings)
        {
            clock.Restart();
            var all = new GradientAttack(options).Attack(committee, seeds, new AttackContext(training, 0));
            double seconds = clock.Elapsed.TotalSeconds;
            var outcomes = GradientAttack.BestStartPerSeed(all);
            if (options.Starts > 1)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: of all {all.Count} starts, {all.Count(o => Height(o.Structure, seeds[o.SeedIndex]) < Height(seeds[o.SeedIndex], seeds[o.SeedIndex]))} ended flatter than their seed, {all.Count(o => Height(o.Structure, seeds[o.SeedIndex]) < flattest)} flatter than every training geometry; seeds with at least one flatter start: {all.Where(o => Height(o.Structure, seeds[o.SeedIndex]) < Height(seeds[o.SeedIndex], seeds[o.SeedIndex])).Select(o => o.SeedIndex).Distinct().Count()}/{seeds.Count}."));
            }

            var forceAfter = forceVariance.EvaluateAll(committee.Predict([.. outcomes.Select(o => o.Structure)])).ToArray();
            results.Add((name, options, outcomes, forceAfter, seconds));
            if (write is not null)
            {
                Directory.CreateDirectory(write);
                ExtendedXyzWriter.WriteFrames(
                    Path.Combine(write, string.Create(CultureInfo.InvariantCulture, $"attack-{results.Count - 1:D2}.extxyz")),
                    outcomes.Select((o, k) => new ExtendedXyzFrame(o.Structure, new Dictionary<string, object>
                    {
                        ["setting"] = name,
                        ["seed_index"] = (long)o.SeedIndex,
                        ["committee_energy"] = o.PredictedEnergy,
                        ["committee_force_var"] = forceAfter[k],
                        ["attack_metric"] = options.Objective.Metric.Name,
                        ["attack_uncertainty"] = o.UncertaintyAfter,
                        ["pyramid_height"] = Height(o.Structure, seeds[o.SeedIndex]),
                    })));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"u_F: force variance recomputed by the committee at the seeds and the attacked geometries, whatever the attack's metric. \"flatter\": h below the flattest training geometry ({flattest:F3} Å). \"guard margin\": smallest (distance − guard threshold) over all pairs and seeds (Å; ≥ 0 = no pair below either guard of the default)."));
        Console.WriteLine();
        Console.WriteLine("| setting | metric | kT (eV) | steps × lr | ceiling (eV) | u_F rise (mean) | u_F rise (median) | u_F rose | h fell | flatter | median Δh (Å) | min distance (Å) | guard margin (Å) | Ē − min E median / max (eV) | exits | time (s) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, options, outcomes, after, seconds) in results)
        {
            var before = outcomes.Select(o => seedForceVariance[o.SeedIndex]).ToArray();
            var dh = outcomes.Select(o => Height(o.Structure, seeds[o.SeedIndex]) - Height(seeds[o.SeedIndex], seeds[o.SeedIndex])).ToArray();
            var energies = outcomes.Select(o => o.PredictedEnergy - minimum).ToArray();
            var b = options.Bounds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {options.Objective.Metric.Name} | {options.Objective.Temperature.KT:G3} | {options.Steps} × {options.LearningRate:G2} | {(b.EnergyCeiling is double c ? c.ToString("G3", CultureInfo.InvariantCulture) : "–")} | {after.Average() / before.Average():F1}× | {Percentile.Linear(after, 50) / Percentile.Linear(before, 50):F1}× | {Enumerable.Range(0, after.Length).Count(k => after[k] > before[k])}/{after.Length} | {dh.Count(x => x < 0)}/{dh.Length} | {outcomes.Count(o => Height(o.Structure, seeds[o.SeedIndex]) < flattest)}/{outcomes.Count} | {Percentile.Linear(dh, 50):F3} | {outcomes.Min(o => o.Structure.MinimumDistance()):F3} | {outcomes.Min(o => GuardMargin(o.Structure, seeds[o.SeedIndex], shortest)):F3} | {Percentile.Linear(energies, 50):F3} / {energies.Max():F3} | {string.Join(", ", outcomes.GroupBy(o => o.ExitReason).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))} | {seconds:F1} |"));
        }

        foreach (var (name, options, outcomes, after, _) in results)
        {
            Console.WriteLine();
            Console.WriteLine($"{name}: quantiles over the {outcomes.Count} attacked seeds");
            Console.WriteLine();
            Console.WriteLine("| quantity | min | 10 % | 25 % | median | 75 % | 90 % | max |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            Row("u_F seed (eV²/Å²)", outcomes.Select(o => seedForceVariance[o.SeedIndex]), "G3");
            Row("u_F attacked (eV²/Å²)", after, "G3");
            Row("u_F attacked / seed", outcomes.Select((o, k) => after[k] / seedForceVariance[o.SeedIndex]), "G3");
            if (options.Objective.Metric is not ForceVariance)
            {
                string unit = options.Objective.Metric.Unit.Symbol();
                Row($"{options.Objective.Metric.Name} seed ({unit})", outcomes.Select(o => o.UncertaintyBefore), "G3");
                Row($"{options.Objective.Metric.Name} attacked ({unit})", outcomes.Select(o => o.UncertaintyAfter), "G3");
            }

            Row("h seed (Å)", outcomes.Select(o => Height(seeds[o.SeedIndex], seeds[o.SeedIndex])), "F3");
            Row("h attacked (Å)", outcomes.Select(o => Height(o.Structure, seeds[o.SeedIndex])), "F3");
            Row("Δh (Å)", outcomes.Select(o => Height(o.Structure, seeds[o.SeedIndex]) - Height(seeds[o.SeedIndex], seeds[o.SeedIndex])), "F3");
            Row("min distance (Å)", outcomes.Select(o => o.Structure.MinimumDistance()), "F3");
            Row("guard margin (Å)", outcomes.Select(o => GuardMargin(o.Structure, seeds[o.SeedIndex], shortest)), "F3");
            Row("longest N–H (Å)", outcomes.Select(o => Enumerable.Range(1, 3).Max(h => o.Structure.Distance(0, h))), "F3");
            Row("Ē − min E_train (eV)", outcomes.Select(o => o.PredictedEnergy - minimum), "F3");
            Row("steps", outcomes.Select(o => (double)o.Steps), "F0");
        }

        return 0;
    }

    /// <summary>The attack metric named on the command line: force, energy, energy-per-atom or max-atom.</summary>
    private static IDifferentiableUncertaintyMetric Metric(string name) => name switch
    {
        "force" => new ForceVariance(),
        "energy" => new EnergyVariance(),
        "energy-per-atom" => new EnergyPerAtomVariance(),
        "max-atom" => new MaxAtomForceVariance(),
        _ => throw new ArgumentException($"Unknown --metric {name}; use force, energy, energy-per-atom or max-atom."),
    };

    /// <summary>Shortest distance (Å) of each element pair in the training structures (all pairs; NH3 is small).</summary>
    private static Dictionary<(int, int), double> ShortestTrainingDistances(Dataset training)
    {
        var shortest = new Dictionary<(int, int), double>();
        foreach (var s in training.Select(x => x.Structure))
        {
            for (int i = 0; i < s.AtomCount; i++)
            {
                for (int j = i + 1; j < s.AtomCount; j++)
                {
                    var key = PairKey(s.AtomicNumbers[i], s.AtomicNumbers[j]);
                    shortest[key] = Math.Min(shortest.GetValueOrDefault(key, double.PositiveInfinity), s.Distance(i, j));
                }
            }
        }

        return shortest;
    }

    /// <summary>
    /// Smallest (distance − threshold) over the pairs of an attacked geometry (Å), with the default preset's guard:
    /// threshold = max(0.5 × covalent-radius sum, 0.9 × shortest training distance of the pair), but not above the
    /// seed's own distance less 1e-4 Å. Negative = a pair below the guard.
    /// </summary>
    private static double GuardMargin(AtomicStructure s, AtomicStructure seed, Dictionary<(int, int), double> shortest)
    {
        double margin = double.PositiveInfinity;
        for (int i = 0; i < s.AtomCount; i++)
        {
            for (int j = i + 1; j < s.AtomCount; j++)
            {
                int zi = s.AtomicNumbers[i], zj = s.AtomicNumbers[j];
                double threshold = Math.Max(
                    GradientAttackOptions.DefaultMinDistanceFactor * (Elements.CovalentRadius(zi) + Elements.CovalentRadius(zj)),
                    GradientAttackOptions.DefaultMinTrainingDistanceFactor * shortest.GetValueOrDefault(PairKey(zi, zj), 0));
                threshold = Math.Min(threshold, seed.Distance(i, j) - 1e-4);
                margin = Math.Min(margin, s.Distance(i, j) - threshold);
            }
        }

        return margin;
    }

    private static (int, int) PairKey(int zi, int zj) => zi <= zj ? (zi, zj) : (zj, zi);

    private static void Row(string name, IEnumerable<double> values, string format)
    {
        var v = values.ToArray();
        Console.WriteLine($"| {name} | {string.Join(" | ", Levels.Select(p => Percentile.Linear(v, p).ToString(format, CultureInfo.InvariantCulture)))} |");
    }

    /// <summary>Signed distance (Å) of N (atom 0) from the plane of the three H (atoms 1–3), positive on the reference's side.</summary>
    private static double Height(AtomicStructure s, AtomicStructure reference) => Signed(s) * Math.Sign(Signed(reference));

    private static double Signed(AtomicStructure m)
    {
        var p = m.Positions;
        double ax = p[6] - p[3], ay = p[7] - p[4], az = p[8] - p[5], bx = p[9] - p[3], by = p[10] - p[4], bz = p[11] - p[5];
        double nx = (ay * bz) - (az * by), ny = (az * bx) - (ax * bz), nz = (ax * by) - (ay * bx);
        return (((p[0] - p[3]) * nx) + ((p[1] - p[4]) * ny) + ((p[2] - p[5]) * nz)) / Math.Sqrt((nx * nx) + (ny * ny) + (nz * nz));
    }
}
