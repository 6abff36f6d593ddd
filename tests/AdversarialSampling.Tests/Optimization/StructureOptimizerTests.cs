using System.Globalization;
using AdversarialSampling.Optimization;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Optimization;

public class StructureOptimizerTests(ITestOutputHelper output)
{
    private static readonly LennardJones Argon = Clusters.Argon();

    public static TheoryData<string> Optimizers => new() { "FIRE", "L-BFGS" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Minimize_LennardJonesDimer_BondAtTwoToTheSixthSigma(string name)
    {
        // Bond curvature 0.041 eV/Å²: f_max 1e-7 eV/Å pins the bond to 2.5e-6 Å.
        var result = Create(name, 1e-7).Minimize(Argon, Clusters.Dimer(3.5));

        Assert.True(result.Converged, result.ToString());
        Assert.Equal(Math.Pow(2, 1.0 / 6) * Clusters.ArgonSigma, result.Structure.Distance(0, 1), 1e-5);
        Assert.Equal(-Clusters.ArgonEpsilon, result.Energy, 1e-12);
        Assert.True(result.MaxForce <= 1e-7);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Minimize_PerturbedIcosahedron_ReachesLj13GlobalMinimum(string name)
    {
        // LJ13 global minimum −44.326801 ε (Wales and Doye 1997), from an icosahedron displaced by up to ±0.2 Å.
        var result = Create(name, 1e-5).Minimize(Argon, Clusters.ArgonIcosahedron(jitter: 0.2, seed: 5));

        output.WriteLine($"{name}: {result}, {result.Evaluations} evaluations, E/ε = {(result.Energy / Clusters.ArgonEpsilon).ToString("F6", CultureInfo.InvariantCulture)}");
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(-44.326801, result.Energy / Clusters.ArgonEpsilon, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Minimize_FrozenAtomAndComponent_NeverMove(string name)
    {
        var start = Clusters.ArgonIcosahedron(jitter: 0.2, seed: 6)
            .WithConstraints(new StructureConstraints([0], [new FixedCartesian(3, false, false, true)]));

        var result = Create(name, 1e-4).Minimize(Argon, start);

        Assert.True(result.Converged, result.ToString());
        Assert.Equal(start.Positions[..3].ToArray(), result.Structure.Positions[..3].ToArray());
        Assert.Equal(start.Positions[11], result.Structure.Positions[11]);
        Assert.NotEqual(start.Positions[9], result.Structure.Positions[9]);
        Assert.Equal([0.0, 0.0, 0.0], result.Forces[..3].ToArray());
        Assert.Equal(start.Constraints, result.Structure.Constraints);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Minimize_DoubleWell2D_FindsTheWellOfTheStartingBasin(string name)
    {
        // 4y⁴ is so flat that f_max 1e-4 eV/Å only bounds |y| by 0.02 Å.
        var result = Create(name, 1e-4).Minimize(new DoubleWell2D(), DoubleWell2D.Particle(-0.4, 0.5));

        Assert.True(result.Converged, result.ToString());
        Assert.Equal(-0.7526, result.Structure.Positions[0], 1e-4);
        Assert.Equal(0, result.Structure.Positions[1], 2e-2);
        Assert.Equal(-3.961, result.Energy, 1e-3);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void MinimizeConstrained_PlanarTrimer_StaysPlanarAndGetsItsConstraintsBack(string name)
    {
        // Three argon atoms in the z = 0 plane, one of them slightly above: freezing z keeps the plane; the relaxed
        // triangle is equilateral with sides 2^(1/6) σ.
        var start = new AtomicStructure([18, 18, 18], [0, 0, 0, 3.6, 0, 0, 1.9, 3.1, 0]);

        var result = Create(name, 1e-6).MinimizeConstrained(Argon, start, StructureConstraints.FixAxes(3, false, false, true));

        Assert.True(result.Converged, result.ToString());
        Assert.All(Enumerable.Range(0, 3), a => Assert.Equal(0, result.Structure.Positions[3 * a + 2]));
        double r0 = Math.Pow(2, 1.0 / 6) * Clusters.ArgonSigma;
        Assert.Equal(r0, result.Structure.Distance(0, 1), 1e-4);
        Assert.Equal(r0, result.Structure.Distance(1, 2), 1e-4);
        Assert.True(result.Structure.Constraints.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Minimize_StepLimit_StopsWithMaxSteps(string name)
    {
        var optimizer = name == "FIRE"
            ? (StructureOptimizer)new FireOptimizer(new FireOptions { MaxSteps = 3, ForceTolerance = 1e-8 })
            : new LbfgsOptimizer(new LbfgsOptions { MaxSteps = 3, ForceTolerance = 1e-8 });

        var result = optimizer.Minimize(Argon, Clusters.ArgonIcosahedron(jitter: 0.2));

        Assert.False(result.Converged);
        Assert.Equal(OptimizationExitReason.MaxSteps, result.ExitReason);
        Assert.Equal(3, result.Steps);
        Assert.Equal(4, result.Evaluations);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Minimize_PotentialTurnsNonFinite_ReturnsLastFinitePoint(string name)
    {
        var result = Create(name, 1e-8).Minimize(new NaNAfter(Argon, 5), Clusters.ArgonIcosahedron(jitter: 0.2));

        Assert.Equal(OptimizationExitReason.NonFinite, result.ExitReason);
        Assert.Equal(4, result.Steps);
        Assert.True(double.IsFinite(result.Energy));
    }

    [Fact]
    public void Minimize_Lbfgs_NeedsFewerEvaluationsThanFireForTightConvergence()
    {
        var start = Clusters.ArgonIcosahedron(jitter: 0.2, seed: 5);

        var fire = Create("FIRE", 1e-5).Minimize(Argon, start);
        var lbfgs = Create("L-BFGS", 1e-5).Minimize(Argon, start);

        output.WriteLine($"FIRE {fire.Evaluations} evaluations, L-BFGS {lbfgs.Evaluations}");
        Assert.True(lbfgs.Evaluations < fire.Evaluations);
    }

    [Fact]
    public void Minimize_Progress_ReportsEveryEvaluation()
    {
        var steps = new List<OptimizationProgress>();

        var result = Create("FIRE", 1e-3).Minimize(Argon, Clusters.Dimer(3.6), new SyncProgress<OptimizationProgress>(steps.Add));

        Assert.Equal(result.Evaluations, steps.Count);
        Assert.Equal(Enumerable.Range(0, steps.Count), steps.Select(s => s.Step));
        Assert.Equal(result.MaxForce, steps[^1].MaxForce);
    }

    [Fact]
    public void Minimize_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => Create("FIRE", 1e-3).Minimize(Argon, Clusters.Dimer(3.6), cancellationToken: cts.Token));
    }

    [Theory]
    [InlineData("tolerance")]
    [InlineData("maxstep")]
    [InlineData("steps")]
    [InlineData("dtmax")]
    [InlineData("memory")]
    [InlineData("curvature")]
    public void Constructor_InvalidOption_Throws(string which)
    {
        Assert.Throws<ArgumentException>(() => which switch
        {
            "tolerance" => new FireOptimizer(new FireOptions { ForceTolerance = 0 }),
            "maxstep" => new FireOptimizer(new FireOptions { MaxStep = double.NaN }),
            "steps" => new LbfgsOptimizer(new LbfgsOptions { MaxSteps = -1 }),
            "dtmax" => new FireOptimizer(new FireOptions { MaxTimeStep = 0.01 }),
            "memory" => new LbfgsOptimizer(new LbfgsOptions { Memory = 0 }),
            _ => (StructureOptimizer)new LbfgsOptimizer(new LbfgsOptions { InitialCurvature = -1 }),
        });
    }

    internal static StructureOptimizer Create(string name, double fmax) => name == "FIRE"
        ? new FireOptimizer(new FireOptions { ForceTolerance = fmax, MaxSteps = 5000 })
        : new LbfgsOptimizer(new LbfgsOptions { ForceTolerance = fmax });
}
