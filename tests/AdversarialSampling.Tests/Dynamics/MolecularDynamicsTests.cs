using System.Globalization;
using AdversarialSampling.Dynamics;
using AdversarialSampling.IO;
using AdversarialSampling.Optimization;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Dynamics;

public class MolecularDynamicsTests(ITestOutputHelper output)
{
    private static readonly LennardJones Argon = Clusters.Argon();

    [Fact]
    public void Run_NveLennardJones13_EnergyDriftBelowAcceptanceLimit()
    {
        // Issue #6 acceptance: NVE drift on the LJ cluster ≤ 1e-4 eV/atom/ps. Argon LJ13, 30 K start, 5 fs, 10 ps.
        var md = new MolecularDynamics(new MdOptions { TimeStepFs = 5, Steps = 2000, InitialTemperatureK = 30, Seed = 1 });

        var result = md.Run(Argon, Minimum13());

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LJ13 NVE, 5 fs, 10 ps: drift {result.EnergyDrift:E3} eV/atom/ps, max |ΔE| {result.MaxEnergyDeviation:E3} eV, mean T {result.MeanTemperature():F2} K"));
        Assert.Equal(MdExitReason.Completed, result.ExitReason);
        Assert.Equal(2000, result.StepsDone);
        Assert.Equal(2001, result.Frames.Length);
        Assert.True(Math.Abs(result.EnergyDrift) <= 1e-4, $"drift {result.EnergyDrift:E3} eV/atom/ps");
        Assert.True(result.MaxEnergyDeviation < 1e-3, $"max deviation {result.MaxEnergyDeviation:E3} eV");
        Assert.InRange(result.MeanTemperature(), 5, 30); // half of the kinetic energy flows into the potential
    }

    [Fact]
    public void Run_NveTooLargeStep_DriftIsLargerAndMeasured()
    {
        // The drift measure must be able to fail: a 4× larger step on the same cluster drifts or fluctuates far more.
        var small = new MolecularDynamics(new MdOptions { TimeStepFs = 5, Steps = 400, InitialTemperatureK = 30, Seed = 1 }).Run(Argon, Minimum13());
        var large = new MolecularDynamics(new MdOptions { TimeStepFs = 40, Steps = 50, InitialTemperatureK = 30, Seed = 1 }).Run(Argon, Minimum13());

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |ΔE|: 5 fs {small.MaxEnergyDeviation:E3} eV, 40 fs {large.MaxEnergyDeviation:E3} eV"));
        Assert.True(large.MaxEnergyDeviation > 10 * small.MaxEnergyDeviation);
    }

    [Fact]
    public void Run_LangevinLennardJones13_ReachesTargetTemperatureWithinFivePercent()
    {
        // Start cold (5 K) and let the bath heat the cluster to 30 K; average the second half of 100 ps.
        var md = new MolecularDynamics(new MdOptions
        {
            TimeStepFs = 5,
            Steps = 20_000,
            InitialTemperatureK = 5,
            TargetTemperatureK = 30,
            Thermostat = ThermostatKind.Langevin,
            FrictionPerFs = 0.01,
            SampleInterval = 2,
            Seed = 2,
        });

        var result = md.Run(Argon, Minimum13());

        double mean = result.MeanTemperature(fromTimeFs: 50_000);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LJ13 Langevin BAOAB, target 30 K: mean T over 50–100 ps {mean:F2} K ({(mean / 30 - 1) * 100:+0.00;-0.00} %)"));
        Assert.InRange(mean, 30 * 0.95, 30 * 1.05);
        Assert.All(Velocities.TotalMomentum(result.FinalStructure, result.FinalVelocities), p => Assert.Equal(0, p, 1e-10));
    }

    [Fact]
    public void Run_Nve_TotalMomentumStaysZero()
    {
        var result = new MolecularDynamics(new MdOptions { TimeStepFs = 5, Steps = 200, InitialTemperatureK = 40 }).Run(Argon, Minimum13());

        Assert.All(Velocities.TotalMomentum(result.FinalStructure, result.FinalVelocities), p => Assert.Equal(0, p, 1e-10));
        Assert.Equal(40, result.Frames[0].TemperatureK, 1e-9);
    }

    [Theory]
    [InlineData(ThermostatKind.None)]
    [InlineData(ThermostatKind.Langevin)]
    public void Run_FrozenAtomAndComponent_NeverMoveAndStayAtRest(ThermostatKind thermostat)
    {
        var start = Clusters.ArgonIcosahedron(jitter: 0.1).WithConstraints(new StructureConstraints([0], [new FixedCartesian(5, false, true, false)]));
        var md = new MolecularDynamics(new MdOptions { TimeStepFs = 5, Steps = 300, InitialTemperatureK = 60, Thermostat = thermostat });

        var result = md.Run(Argon, start);

        var end = result.FinalStructure;
        Assert.Equal(start.Positions[..3].ToArray(), end.Positions[..3].ToArray());
        Assert.Equal(start.Positions[16], end.Positions[16]);
        Assert.All(result.FinalVelocities[..3], v => Assert.Equal(0, v));
        Assert.Equal(0, result.FinalVelocities[16]);
        Assert.NotEqual(start.Positions[15], end.Positions[15]);
        Assert.Equal(start.Constraints, end.Constraints);
    }

    [Fact]
    public void Run_ToySurfaceParticle_ZStaysFrozenAndEnergyIsConserved()
    {
        var result = new MolecularDynamics(new MdOptions { TimeStepFs = 0.1, Steps = 5000, InitialTemperatureK = 5000, Seed = 4 })
            .Run(new DoubleWell2D(), DoubleWell2D.Particle(-0.75, 0));

        Assert.All(result.Frames, f => Assert.True(double.IsFinite(f.TotalEnergy)));
        Assert.Equal(0, result.FinalStructure.Positions[2]);
        Assert.True(result.MaxEnergyDeviation < 1e-3 * Math.Abs(result.Frames[0].TotalEnergy), $"{result.MaxEnergyDeviation:E3}");
    }

    [Fact]
    public void Run_SameSeed_SameTrajectory()
    {
        var options = new MdOptions { TimeStepFs = 5, Steps = 100, InitialTemperatureK = 30, Thermostat = ThermostatKind.Langevin, Seed = 9 };

        var a = new MolecularDynamics(options).Run(Argon, Minimum13());
        var b = new MolecularDynamics(options).Run(Argon, Minimum13());
        var c = new MolecularDynamics(options with { Seed = 10 }).Run(Argon, Minimum13());

        Assert.Equal(a.FinalStructure.Positions.ToArray(), b.FinalStructure.Positions.ToArray());
        Assert.NotEqual(a.FinalStructure.Positions.ToArray(), c.FinalStructure.Positions.ToArray());
    }

    [Fact]
    public void Run_GivenVelocities_UsedAsGiven()
    {
        var dimer = Clusters.Dimer(4.0);
        var v = new double[] { 0, 0, -0.001, 0, 0, 0.001 };

        var result = new MolecularDynamics(new MdOptions { Steps = 0 }).Run(Argon, dimer, v);

        Assert.Equal(v, result.FinalVelocities.ToArray());
        Assert.Equal(Velocities.KineticEnergy(dimer, v), result.Frames[0].KineticEnergy, 1e-15);
    }

    [Fact]
    public void Run_WithTrajectory_WritesReadableExtendedXyz()
    {
        string dir = Directory.CreateTempSubdirectory("as-md-").FullName;
        try
        {
            string path = Path.Combine(dir, "md.extxyz");
            var md = new MolecularDynamics(new MdOptions { TimeStepFs = 5, Steps = 25, TrajectoryInterval = 10, TrajectoryPath = path, InitialTemperatureK = 30 });

            var result = md.Run(Argon, Minimum13());

            var frames = ExtendedXyzReader.ReadFrames(path).ToList();
            Assert.Equal(4, result.TrajectoryFramesWritten); // steps 0, 10, 20 and the last (25)
            Assert.Equal([0L, 10L, 20L, 25L], frames.Select(f => (long)f.Info["step"]));
            var last = frames[^1];
            Assert.Equal(result.FinalStructure.Positions.ToArray(), last.Structure.Positions.ToArray());
            Assert.Equal(result.FinalForces.ToArray(), last.Forces.ToArray());
            Assert.Equal(result.FinalVelocities.ToArray(), last.Arrays["velocities"].Reals.ToArray());
            Assert.Equal(result.Frames[^1].PotentialEnergy, last.Energy);
            Assert.Equal(result.Frames[^1].TotalEnergy, (double)last.Info["total_energy"], 1e-15);
            Assert.Equal(125.0, (double)last.Info["time"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_AtomFliesAway_StopsUnstableAndReportsStep()
    {
        // An argon dimer whose atoms separate at 0.02 Å/fs each: with a window [3, 5] Å the distance passes 5 Å
        // after about (5 − 3.8)/0.04 = 30 fs.
        var md = new MolecularDynamics(new MdOptions { Steps = 200, Stability = new StabilityChecker(3, 5) });

        var result = md.Run(Argon, Clusters.Dimer(3.8), [0, 0, -0.02, 0, 0, 0.02]);

        Assert.Equal(MdExitReason.Unstable, result.ExitReason);
        Assert.False(result.IsStable);
        Assert.NotNull(result.Violation);
        Assert.Equal(StabilityViolationKind.TooFar, result.Violation.Kind);
        Assert.InRange(result.ViolationStep!.Value, 25, 35);
        Assert.Equal(result.ViolationStep, result.StepsDone);
        Assert.Equal(result.ViolationStep * 1.0, result.ViolationTimeFs);
        Assert.Equal(result.StepsDone, result.Frames[^1].Step);
    }

    [Fact]
    public void Run_InstabilityWithoutStop_RunsToTheEndAndReportsFirstViolation()
    {
        var md = new MolecularDynamics(new MdOptions { Steps = 100, Stability = new StabilityChecker(3, 5), StopOnInstability = false });

        var result = md.Run(Argon, Clusters.Dimer(3.8), [0, 0, -0.02, 0, 0, 0.02]);

        Assert.Equal(MdExitReason.Completed, result.ExitReason);
        Assert.Equal(100, result.StepsDone);
        Assert.InRange(result.ViolationStep!.Value, 25, 35);
    }

    [Fact]
    public void Run_PotentialTurnsNonFinite_StopsWithLastFiniteState()
    {
        var potential = new NaNAfter(Argon, calls: 11);

        var result = new MolecularDynamics(new MdOptions { TimeStepFs = 5, Steps = 50, SampleInterval = 4, InitialTemperatureK = 30 }).Run(potential, Minimum13());

        Assert.Equal(MdExitReason.NonFinite, result.ExitReason);
        Assert.Equal(10, result.StepsDone);
        Assert.Equal(10, result.Frames[^1].Step);
        Assert.All(result.FinalForces, f => Assert.True(double.IsFinite(f)));
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress<MdFrame>(f =>
        {
            if (f.Step == 5)
            {
                cts.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => new MolecularDynamics(new MdOptions { Steps = 100 }).Run(Argon, Minimum13(), null, progress, cts.Token));
    }

    [Fact]
    public void Run_Progress_ReceivesEveryRecordedFrame()
    {
        var seen = new List<int>();

        var result = new MolecularDynamics(new MdOptions { Steps = 10, SampleInterval = 3 }).Run(Argon, Minimum13(), progress: new SyncProgress<MdFrame>(f => seen.Add(f.Step)));

        Assert.Equal([0, 3, 6, 9, 10], seen);
        Assert.Equal(seen, result.Frames.Select(f => f.Step));
    }

    [Theory]
    [InlineData("dt")]
    [InlineData("steps")]
    [InlineData("friction")]
    [InlineData("interval")]
    [InlineData("target")]
    public void Constructor_InvalidOption_Throws(string which)
    {
        var options = which switch
        {
            "dt" => new MdOptions { TimeStepFs = 0 },
            "steps" => new MdOptions { Steps = -1 },
            "friction" => new MdOptions { FrictionPerFs = double.NaN },
            "interval" => new MdOptions { SampleInterval = 0 },
            _ => new MdOptions { TargetTemperatureK = -1 },
        };

        Assert.Throws<ArgumentException>(() => new MolecularDynamics(options));
    }

    /// <summary>The relaxed argon LJ13 icosahedron (computed once).</summary>
    internal static AtomicStructure Minimum13() => MinimumCache.Value;

    private static readonly Lazy<AtomicStructure> MinimumCache = new(() =>
        new LbfgsOptimizer(new LbfgsOptions { ForceTolerance = 1e-6 }).Minimize(Argon, Clusters.ArgonIcosahedron()).Structure);
}
