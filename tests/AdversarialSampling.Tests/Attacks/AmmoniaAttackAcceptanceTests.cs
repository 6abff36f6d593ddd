using System.Globalization;
using AdversarialSampling.Attacks;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Committees;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Attacks;

/// <summary>
/// Issue #4 acceptance on real data: the SchNet committee trained on generation 0 of samples/data/ammonia-bp86
/// (<see cref="AmmoniaCommittee"/>) is attacked from the 20 lowest-energy generation-0 geometries. With the
/// library default the force variance must rise, no pair may come closer than the distance guards, and part of
/// the seeds must flatten beyond the training data (the nitrogen moves toward the plane of the hydrogens, i.e.
/// toward the inversion; the majority does not — see docs/attacks.md). The paper's molecular preset is run and
/// reported beside it. The same figures, with more settings, are
/// printed by the benchmarks' <c>--nh3-attack-report</c> (docs/attacks.md).
/// </summary>
[Collection(AmmoniaCommittee.Collection)]
public class AmmoniaAttackAcceptanceTests(AmmoniaCommittee fixture, ITestOutputHelper output)
{
    private const int SeedCount = 20;

    [Fact]
    [Trait("Category", "Acceptance")]
    public void Attack_LibraryDefaultFromLowEnergySeeds_RaisesForceVarianceKeepsTheGuardsAndReachesTowardTheInversion()
    {
        var training = fixture.Split.Train;
        var seeds = fixture.Initial.OrderBy(s => s.Energy).Take(SeedCount).Select(s => s.Structure).ToList();
        var options = GradientAttackOptions.Default(training);
        var outcomes = new GradientAttack(options).Attack(fixture.Committee, seeds, new AttackContext(training, 0));
        var paper = new GradientAttack(GradientAttackOptions.Paper(PaperSystem.Molecule)).Attack(fixture.Committee, seeds, new AttackContext(training, 0));
        Report("default", options, seeds, outcomes);
        Report("paper (molecule)", GradientAttackOptions.Paper(PaperSystem.Molecule), seeds, paper);

        // The force variance rises for every seed, and by well over an order of magnitude on average (measured: ~190× mean, ~260× median).
        var before = outcomes.Select(o => o.UncertaintyBefore).ToArray();
        var after = outcomes.Select(o => o.UncertaintyAfter).ToArray();
        double meanRise = after.Average() / before.Average();
        double medianRise = Percentile.Linear(after, 50) / Percentile.Linear(before, 50);
        Assert.True(meanRise >= 20, $"mean force variance rose {meanRise:F2}×");
        Assert.True(medianRise >= 20, $"median force variance rose {medianRise:F2}×");
        Assert.All(outcomes, o => Assert.True(o.UncertaintyAfter > o.UncertaintyBefore, $"seed {o.SeedIndex}: {o.UncertaintyBefore:G3} → {o.UncertaintyAfter:G3}"));

        // No pair below either guard: f × the covalent-radius sum, g × the pair's shortest training distance.
        double f = options.Bounds.MinDistanceFactor!.Value, g = options.Bounds.MinTrainingDistanceFactor!.Value;
        var shortest = ElementPairDistances.Shortest(training.Select(s => s.Structure));
        Assert.All(outcomes, o =>
        {
            var s = o.Structure;
            var seed = seeds[o.SeedIndex];
            for (int i = 0; i < s.AtomCount; i++)
            {
                for (int j = i + 1; j < s.AtomCount; j++)
                {
                    double guard = Math.Max(
                        f * (Elements.CovalentRadius(s.AtomicNumbers[i]) + Elements.CovalentRadius(s.AtomicNumbers[j])),
                        g * shortest[ElementPairDistances.Key(s.AtomicNumbers[i], s.AtomicNumbers[j])]);
                    guard = Math.Min(guard, seed.Distance(i, j) - 1e-4);
                    Assert.True(s.Distance(i, j) >= guard, $"seed {o.SeedIndex}: atoms {i}, {j} at {s.Distance(i, j):F3} Å, guard {guard:F3} Å");
                }
            }
        });

        // Toward the inversion: a quarter of the seeds or more end flatter than any training geometry (measured: 9 of 20
        // flatten, 6 to h = 0.26 Å; the others go to more pyramidal geometries with two H squeezed together, where the
        // committee underestimates the energy — docs/attacks.md §3, "NH3").
        double flattest = training.Min(s => PyramidHeight(s.Structure, s.Structure));
        int beyond = outcomes.Count(o => PyramidHeight(o.Structure, seeds[o.SeedIndex]) < flattest);
        Assert.True(beyond >= SeedCount / 4, $"{beyond} of {SeedCount} attacked geometries are flatter than the flattest training geometry (h = {flattest:F3} Å)");
    }

    [Fact]
    public void PyramidHeight_PlanarAndInvertedAmmonia_ZeroAndNegative()
    {
        var pyramid = new AtomicStructure([7, 1, 1, 1], [0, 0, 0.4, 1, 0, 0, -0.5, 0.8, 0, -0.5, -0.8, 0]);
        var planar = pyramid.WithPositions([0, 0, 0, 1, 0, 0, -0.5, 0.8, 0, -0.5, -0.8, 0]);
        var inverted = pyramid.WithPositions([0, 0, -0.3, 1, 0, 0, -0.5, 0.8, 0, -0.5, -0.8, 0]);

        Assert.Equal(0.4, PyramidHeight(pyramid, pyramid), 12);
        Assert.Equal(0.0, PyramidHeight(planar, pyramid), 12);
        Assert.Equal(-0.3, PyramidHeight(inverted, pyramid), 12);
        Assert.Equal(0.3, PyramidHeight(inverted, inverted), 12);
    }

    /// <summary>
    /// Signed distance (Å) of the nitrogen (atom 0) from the plane of the three hydrogens (atoms 1–3), positive on the
    /// side where the nitrogen of <paramref name="reference"/> is: it falls toward 0 as the pyramid flattens and turns
    /// negative once the molecule has inverted.
    /// </summary>
    internal static double PyramidHeight(AtomicStructure s, AtomicStructure reference)
    {
        static double Signed(AtomicStructure m)
        {
            var p = m.Positions;
            double[] a = [p[6] - p[3], p[7] - p[4], p[8] - p[5]], b = [p[9] - p[3], p[10] - p[4], p[11] - p[5]];
            double[] n = [(a[1] * b[2]) - (a[2] * b[1]), (a[2] * b[0]) - (a[0] * b[2]), (a[0] * b[1]) - (a[1] * b[0])];
            double norm = Math.Sqrt((n[0] * n[0]) + (n[1] * n[1]) + (n[2] * n[2]));
            return (((p[0] - p[3]) * n[0]) + ((p[1] - p[4]) * n[1]) + ((p[2] - p[5]) * n[2])) / norm;
        }

        return Signed(s) * Math.Sign(Signed(reference));
    }

    private void Report(string name, GradientAttackOptions options, List<AtomicStructure> seeds, IReadOnlyList<AttackOutcome> outcomes)
    {
        static string Q(IEnumerable<double> values)
        {
            var v = values.ToArray();
            return string.Join(" / ", new[] { 0.0, 25, 50, 75, 100 }.Select(p => Percentile.Linear(v, p).ToString("G3", CultureInfo.InvariantCulture)));
        }

        output.WriteLine($"{name}: kT {options.Objective.Temperature.KT:G3} eV, {options.Steps} steps, lr {options.LearningRate:G3}, ceiling {options.Bounds.EnergyCeiling?.ToString("G3", CultureInfo.InvariantCulture) ?? "none"}, guard {options.Bounds.MinDistanceFactor?.ToString("G3", CultureInfo.InvariantCulture) ?? "none"}; quantiles min / 25 / 50 / 75 / max");
        output.WriteLine($"  u_F seed (eV²/Å²)     {Q(outcomes.Select(o => o.UncertaintyBefore))}");
        output.WriteLine($"  u_F attacked          {Q(outcomes.Select(o => o.UncertaintyAfter))}  (mean rise {outcomes.Average(o => o.UncertaintyAfter) / outcomes.Average(o => o.UncertaintyBefore):F1}×)");
        output.WriteLine($"  pyramid height seed   {Q(seeds.Select(s => PyramidHeight(s, s)))}");
        output.WriteLine($"  pyramid height after  {Q(outcomes.Select(o => PyramidHeight(o.Structure, seeds[o.SeedIndex])))}");
        output.WriteLine($"  min distance after    {Q(outcomes.Select(o => o.Structure.MinimumDistance()))}");
        output.WriteLine($"  exits                 {string.Join(", ", outcomes.GroupBy(o => o.ExitReason).Select(g => $"{g.Key} {g.Count()}"))}");
    }
}
