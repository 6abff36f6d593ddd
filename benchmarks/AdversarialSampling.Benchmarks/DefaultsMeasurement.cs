using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// <c>--measure-defaults [--width 64] [--depth 3] [--epochs 400] [--committees 3] [--threads 1]</c>: the measurements behind
/// <see cref="GradientAttackOptions.Default"/>. Trains MLP committees on the 2D double well's left basin
/// (<see cref="DoubleWell2D.InitialTrainingSet"/>, 80/20 split, Adam 1e-2), attacks every training point with several
/// settings and prints a Markdown table per setting: fraction of attacked points outside [−1.2, 1.2]², true
/// energy of the attacked points (mean, max), fraction in the right basin (x &gt; 0.102, past the saddle),
/// committees that found it at all, and the rise of the mean force variance over the seeds'.
/// </summary>
internal static class DefaultsMeasurement
{
    public static int Run(string[] args)
    {
        int width = TimingMode.Int(args, "--width", 64), depth = TimingMode.Int(args, "--depth", 3);
        int epochs = TimingMode.Int(args, "--epochs", 400), committees = TimingMode.Int(args, "--committees", 3);
        TorchSharp.torch.set_num_threads(TimingMode.Int(args, "--threads", 1));
        var all = DoubleWell2D.InitialTrainingSet();
        var paperBox = AttackBox.Xy(-DoubleWell2D.TrainingRange, DoubleWell2D.TrainingRange, -DoubleWell2D.TrainingRange, DoubleWell2D.TrainingRange);
        double spread = all.Max(s => s.Energy) - all.Min(s => s.Energy);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training set: {all.Count} points, E in [{all.Min(s => s.Energy):F3}, {all.Max(s => s.Energy):F3}] (spread {spread:F3}); committees 5×({depth}×{width}), {epochs} epochs, {committees} seeds"));
        var settings = new List<(string Name, Func<Dataset, GradientAttackOptions> Make)>
        {
            ("paper (kT 5, unbounded)", _ => GradientAttackOptions.Paper()),
        };
        foreach (double kT in new[] { 1.0, 2, 10 })
        {
            settings.Add(($"paper, kT {kT}", _ => GradientAttackOptions.Paper() with { Objective = new AttackObjectiveOptions { Temperature = Temperature.FromThermalEnergy(kT) } }));
        }

        foreach (var (kTFactor, ceilingFactor) in new[] { (0.5, 3.0), (1.0, 1.0), (1.0, 2.0), (1.0, 4.0), (2.0, 3.0) })
        {
            settings.Add(($"spread rule: kT {kTFactor}×, ceiling {ceilingFactor}×, paper box", t => Rule(t, kTFactor, ceilingFactor, paperBox)));
        }

        string preset = string.Create(CultureInfo.InvariantCulture, $"default (kT {GradientAttackOptions.DefaultTemperatureFactor}×, ceiling {GradientAttackOptions.DefaultCeilingFactor}×, {GradientAttackOptions.ModelSurfaceSteps} steps at {GradientAttackOptions.DefaultLearningRate})");
        settings.Add(($"{preset}, bounding box + 1 Å", t => GradientAttackOptions.Default(t)));
        settings.Add(($"{preset}, paper box", t => GradientAttackOptions.Default(t, paperBox)));
        settings.Add(("default, paper box, last geometry", t => GradientAttackOptions.Default(t, paperBox) with { Result = AttackResultGeometry.Last }));
        var rows = settings.ToDictionary(s => s.Name, _ => new List<Row>());
        for (int c = 0; c < committees; c++)
        {
            var split = all.Split(0.8, 0.2, seed: c);
            using var committee = new TorchCommittee(
                new MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = width, Depth = depth },
                new CommitteeOptions { Seed = c, Training = new TrainingOptions { Epochs = epochs, LearningRate = 1e-2 } });
            var clock = Stopwatch.StartNew();
            committee.Train(split.Train, split.Validation);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committee {c}: trained in {clock.Elapsed.TotalSeconds:F1} s"));
            var seeds = split.Train.Select(s => s.Structure).ToList();
            foreach (var (name, make) in settings)
            {
                var options = make(split.Train);
                var outcomes = new GradientAttack(options).Attack(committee, seeds, new AttackContext(split.Train, c));
                rows[name].Add(Row.Of(outcomes, paperBox, options));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| setting | kT | ceiling | outside box | E_true mean | E_true max | right basin | committees reaching it | u_F rise | exits |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, _) in settings)
        {
            var r = rows[name];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {r[0].KT:G3} | {(r[0].Ceiling is double ce ? ce.ToString("G3", CultureInfo.InvariantCulture) : "–")} | {r.Average(x => x.Outside):P1} | {r.Average(x => x.MeanEnergy):F2} | {r.Max(x => x.MaxEnergy):F1} | {r.Average(x => x.RightBasin):P1} | {r.Count(x => x.RightBasin > 0)}/{r.Count} | {r.Average(x => x.Rise):F1}× | {string.Join(", ", r.SelectMany(x => x.Exits).GroupBy(e => e).Select(g => $"{g.Key} {g.Count()}"))} |"));
        }

        return 0;
    }

    private static GradientAttackOptions Rule(Dataset training, double kTFactor, double ceilingFactor, AttackBox box)
    {
        double spread = training.Max(s => s.Energy) - training.Min(s => s.Energy);
        var d = GradientAttackOptions.Default(training, box, Temperature.FromThermalEnergy(kTFactor * spread));
        return d with { Bounds = d.Bounds with { EnergyCeiling = ceilingFactor * spread } };
    }

    private sealed record Row(double KT, double? Ceiling, double Outside, double MeanEnergy, double MaxEnergy, double RightBasin, double Rise, List<AttackExitReason> Exits)
    {
        public static Row Of(IReadOnlyList<AttackOutcome> outcomes, AttackBox box, GradientAttackOptions options)
        {
            var energies = outcomes.Select(o => DoubleWell2D.Energy(o.Structure.Positions[0], o.Structure.Positions[1])).ToArray();
            return new Row(
                options.Objective.Temperature.KT,
                options.Bounds.EnergyCeiling,
                outcomes.Count(o => !box.Contains(o.Structure)) / (double)outcomes.Count,
                energies.Average(),
                energies.Max(),
                outcomes.Count(o => o.Structure.Positions[0] > 0.102) / (double)outcomes.Count,
                outcomes.Average(o => o.UncertaintyAfter) / outcomes.Average(o => o.UncertaintyBefore),
                [.. outcomes.Select(o => o.ExitReason)]);
        }
    }
}
