using System.Globalization;
using AdversarialSampling.Attacks;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Committees;
using AdversarialSampling.Uncertainty;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Attacks;

/// <summary>
/// Issue #4 acceptance on real data: the SchNet committee trained on generation 0 of samples/data/ammonia-bp86
/// (<see cref="AmmoniaCommittee"/>) is attacked from the 20 lowest-energy generation-0 geometries. With the
/// library default the force variance must rise, no pair may come closer than the distance guards, and part of
/// the seeds must flatten beyond the training data (the nitrogen moves toward the plane of the hydrogens, i.e.
/// toward the inversion; the majority does not — see docs/attacks.md). The paper's molecular preset is run and
/// reported beside it. With the energy variance as the attack's uncertainty and the best of 8 starts per seed, the
/// issue's full criterion holds: the force variance still rises for every seed, the guards hold, and most seeds move
/// to the planar inversion transition state. The same figures, with more settings and the committee's uncertainties
/// along the umbrella path, are printed by the benchmarks' <c>--nh3-attack-report</c> (docs/attacks.md §3).
/// </summary>
[Collection(AmmoniaCommittee.Collection)]
public class AmmoniaAttackAcceptanceTests(AmmoniaCommittee fixture, ITestOutputHelper output)
{
    private const int SeedCount = 20;

    [Fact]
    [Trait("Category", "Acceptance")]
    public void Attack_UnrestrictedDefaultFromLowEnergySeeds_RaisesForceVarianceKeepsTheGuardsAndReachesTowardTheInversion()
    {
        // The library default with every coordinate free (SoftModes off: the default for molecules before 27 Nov 2026).
        var training = fixture.Split.Train;
        var seeds = Seeds();
        var options = GradientAttackOptions.Default(training) with { SoftModes = null };
        var outcomes = new GradientAttack(options).Attack(fixture.Committee, seeds, new AttackContext(training, 0));
        var paper = new GradientAttack(GradientAttackOptions.Paper(PaperSystem.Molecule)).Attack(fixture.Committee, seeds, new AttackContext(training, 0));
        Report("default", options, seeds, outcomes);
        Report("paper (molecule)", GradientAttackOptions.Paper(PaperSystem.Molecule), seeds, paper);

        // The force variance rises for every seed, and by well over an order of magnitude on average (measured with the
        // molecular factors, kT 1 spread and ceiling 1.25 spreads: 128× mean, 167× median, 9 of 20 flatter than any
        // training geometry; with a ceiling of 2 spreads 201× and 217×; with the model-surface factors 2 and 5, ~690× mean).
        AssertForceVarianceRises(seeds, outcomes, 20);
        AssertGuardsHold(options, seeds, outcomes);

        // Toward the inversion: a quarter of the seeds or more end flatter than any training geometry (the others go to
        // more pyramidal geometries — the median h rises; docs/attacks.md §3, "NH3").
        int beyond = outcomes.Count(o => PyramidHeight(o.Structure, seeds[o.SeedIndex]) < Flattest());
        output.WriteLine($"  flatter than the flattest training geometry: {beyond} of {SeedCount}");
        Assert.True(beyond >= SeedCount / 4, $"{beyond} of {SeedCount} attacked geometries are flatter than the flattest training geometry (h = {Flattest():F3} Å)");
    }

    [Fact]
    [Trait("Category", "Acceptance")]
    public void Attack_EnergyVarianceWithBestOfEightStartsFromLowEnergySeeds_RaisesForceVarianceKeepsTheGuardsAndReachesTheInversion()
    {
        var training = fixture.Split.Train;
        var seeds = Seeds();
        var defaults = GradientAttackOptions.Default(training) with { SoftModes = null }; // measured with every coordinate free
        var options = defaults with { Objective = defaults.Objective with { Metric = new EnergyVariance() }, Starts = 8, BestStartPerSeed = true };
        var outcomes = new GradientAttack(options).Attack(fixture.Committee, seeds, new AttackContext(training, 0));
        Report("default with EnergyVariance, best of 8 starts", options, seeds, outcomes);
        Assert.Equal(SeedCount, outcomes.Count);

        // The attack maximised the energy variance, but the force variance still rises for every seed (measured with the
        // molecular factors: mean 87×, median 41×; with a ceiling of 2 spreads 83× and 29×; with the model-surface
        // factors 298× and 26× — the planar end point has a small force variance, see docs/attacks.md §3).
        AssertForceVarianceRises(seeds, outcomes, 10);
        AssertGuardsHold(options, seeds, outcomes);

        // Toward the inversion: the pyramid height falls for most seeds, the median change is negative, and at least half
        // of the seeds end at the planar transition state (|h| < 0.05 Å). Measured: 15 of 20 fall, all 15 to h = 0.00 Å
        // (committee Ē 0.26 eV above the training minimum, GFN2-xTB 0.29 eV); median Δh −0.41 Å (with the model-surface
        // factors; with a ceiling of 2 spreads the median Δh is −0.405 Å). With the molecular factors (ceiling 1.25 spreads
        // = 0.262 eV, at the committee's planar energy) 13 of 20 fall and 10 end planar.
        var dh = outcomes.Select(o => PyramidHeight(o.Structure, seeds[o.SeedIndex]) - PyramidHeight(seeds[o.SeedIndex], seeds[o.SeedIndex])).ToArray();
        int fell = dh.Count(x => x < 0);
        int planar = outcomes.Count(o => Math.Abs(PyramidHeight(o.Structure, seeds[o.SeedIndex])) < 0.05);
        output.WriteLine($"  pyramid height fell: {fell} of {SeedCount}; planar (|h| < 0.05 Å): {planar}");
        Assert.True(fell >= 12, $"the pyramid height fell for {fell} of {SeedCount} seeds");
        Assert.True(Percentile.Linear(dh, 50) < -0.2, $"median Δh {Percentile.Linear(dh, 50):F3} Å");
        Assert.True(planar >= SeedCount / 2, $"{planar} of {SeedCount} attacked geometries are within 0.05 Å of planar");
    }

    [Fact]
    [Trait("Category", "Acceptance")]
    public void Attack_LibraryDefaultAlongTheSoftestModeFromLowEnergySeeds_MovesThePyramidNotTheBonds()
    {
        var training = fixture.Split.Train;
        var seeds = Seeds();
        var options = GradientAttackOptions.Default(training);
        var free = options with { SoftModes = null };
        var outcomes = new GradientAttack(options).Attack(fixture.Committee, seeds, new AttackContext(training, 0));
        var unrestricted = new GradientAttack(free).Attack(fixture.Committee, seeds, new AttackContext(training, 0));
        Report("default (softest mode only)", options, seeds, outcomes);

        Assert.Equal(GradientAttackOptions.MolecularSoftModes, options.SoftModes);
        AssertGuardsHold(options, seeds, outcomes);
        double[] HeightChanges(IEnumerable<AttackOutcome> attacked) => [.. attacked.Select(o => Math.Abs(PyramidHeight(o.Structure, seeds[o.SeedIndex]) - PyramidHeight(seeds[o.SeedIndex], seeds[o.SeedIndex])))];
        double[] BondChanges(IEnumerable<AttackOutcome> attacked) => [.. attacked.Select(o => LargestBondChange(o.Structure, seeds[o.SeedIndex]))];
        double flattest = Flattest();
        int Flatter(IEnumerable<AttackOutcome> attacked) => attacked.Count(o => PyramidHeight(o.Structure, seeds[o.SeedIndex]) < flattest);
        double[] dh = HeightChanges(outcomes), dhFree = HeightChanges(unrestricted);
        double[] bonds = BondChanges(outcomes), bondsFree = BondChanges(unrestricted);
        output.WriteLine($"  median |Δh| {Percentile.Linear(dh, 50):F3} Å (every coordinate free: {Percentile.Linear(dhFree, 50):F3}); median largest N–H change {Percentile.Linear(bonds, 50):F3} Å (free: {Percentile.Linear(bondsFree, 50):F3})");
        int beyond = Flatter(outcomes);
        output.WriteLine($"  flatter than the flattest training geometry: {beyond} of {SeedCount} (free: {Flatter(unrestricted)})");

        // Measured (27 Nov 2026): median |Δh| 0.149 Å (free 0.134), median largest N–H change 0.013 Å (free 0.032), 9 of
        // 20 flatter than any training geometry (free 9). From these low-energy seeds the free attack reaches the umbrella
        // too; the restriction keeps the bonds out of it.
        Assert.True(Percentile.Linear(bonds, 50) < 0.6 * Percentile.Linear(bondsFree, 50), "the softest-mode attack changes the N–H bonds less than the free one");
        Assert.True(Percentile.Linear(dh, 50) >= 0.1, $"median |Δh| {Percentile.Linear(dh, 50):F3} Å");
        Assert.True(beyond >= SeedCount / 4, $"{beyond} of {SeedCount} attacked geometries are flatter than the flattest training geometry");
    }

    private static double LargestBondChange(AtomicStructure s, AtomicStructure seed)
    {
        double Bond(AtomicStructure x, int h) => Math.Sqrt(Enumerable.Range(0, 3).Sum(k => Math.Pow(x.Positions[(3 * h) + k] - x.Positions[k], 2)));
        return Enumerable.Range(1, 3).Max(h => Math.Abs(Bond(s, h) - Bond(seed, h)));
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

    private List<AtomicStructure> Seeds() => [.. fixture.Initial.OrderBy(s => s.Energy).Take(SeedCount).Select(s => s.Structure)];

    private double Flattest() => fixture.Split.Train.Min(s => PyramidHeight(s.Structure, s.Structure));

    /// <summary>The committee's force variance u_F (recomputed, whatever the attack's metric) rises for every seed, and its mean and median by at least <paramref name="factor"/>.</summary>
    private void AssertForceVarianceRises(List<AtomicStructure> seeds, IReadOnlyList<AttackOutcome> outcomes, double factor)
    {
        var metric = new ForceVariance();
        var before = metric.EvaluateAll(fixture.Committee.Predict(seeds));
        var after = metric.EvaluateAll(fixture.Committee.Predict([.. outcomes.Select(o => o.Structure)]));
        var seedValues = outcomes.Select(o => before[o.SeedIndex]).ToArray();
        double meanRise = after.Average() / seedValues.Average();
        double medianRise = Percentile.Linear(after, 50) / Percentile.Linear(seedValues, 50);
        output.WriteLine($"  u_F rise (recomputed): mean {meanRise:F1}×, median {medianRise:F1}×");
        Assert.True(meanRise >= factor, $"mean force variance rose {meanRise:F2}×");
        Assert.True(medianRise >= factor, $"median force variance rose {medianRise:F2}×");
        Assert.All(outcomes.Select((o, k) => (o.SeedIndex, Before: seedValues[k], After: after[k])), x => Assert.True(x.After > x.Before, $"seed {x.SeedIndex}: u_F {x.Before:G3} → {x.After:G3}"));
    }

    /// <summary>No pair below either guard: f × the covalent-radius sum, g × the pair's shortest training distance (a pair closer in the seed: not closer than it was).</summary>
    private void AssertGuardsHold(GradientAttackOptions options, List<AtomicStructure> seeds, IReadOnlyList<AttackOutcome> outcomes)
    {
        double f = options.Bounds.MinDistanceFactor!.Value, g = options.Bounds.MinTrainingDistanceFactor!.Value;
        var shortest = ElementPairDistances.Shortest(fixture.Split.Train.Select(s => s.Structure));
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
        output.WriteLine($"  attack metric {options.Objective.Metric}");
        output.WriteLine($"  u seed                {Q(outcomes.Select(o => o.UncertaintyBefore))}");
        output.WriteLine($"  u attacked            {Q(outcomes.Select(o => o.UncertaintyAfter))}  (mean rise {outcomes.Average(o => o.UncertaintyAfter) / outcomes.Average(o => o.UncertaintyBefore):F1}×)");
        output.WriteLine($"  pyramid height seed   {Q(seeds.Select(s => PyramidHeight(s, s)))}");
        output.WriteLine($"  pyramid height after  {Q(outcomes.Select(o => PyramidHeight(o.Structure, seeds[o.SeedIndex])))}");
        output.WriteLine($"  Δh                    {Q(outcomes.Select(o => PyramidHeight(o.Structure, seeds[o.SeedIndex]) - PyramidHeight(seeds[o.SeedIndex], seeds[o.SeedIndex])))}");
        output.WriteLine($"  min distance after    {Q(outcomes.Select(o => o.Structure.MinimumDistance()))}");
        output.WriteLine($"  exits                 {string.Join(", ", outcomes.GroupBy(o => o.ExitReason).Select(g => $"{g.Key} {g.Count()}"))}");
    }
}
