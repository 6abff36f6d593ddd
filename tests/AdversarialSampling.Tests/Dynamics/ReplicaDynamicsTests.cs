using AdversarialSampling.Dynamics;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Attacks;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Tests.Dynamics;

public class ReplicaDynamicsTests
{
    [Theory]
    [InlineData(ThermostatKind.None)]
    [InlineData(ThermostatKind.Langevin)]
    public void Run_EachReplica_FollowsMolecularDynamicsWithItsOwnSeed(ThermostatKind thermostat)
    {
        using var model = new SpringCommittee();
        var seeds = AttackTestKit.TriatomicSeeds(3);
        var options = new MdOptions { TimeStepFs = 0.5, Steps = 100, InitialTemperatureK = 800, Seed = 11, Thermostat = thermostat, SampleInterval = 10 };

        var replicas = new ReplicaDynamics(options).Run(model, seeds);

        for (int r = 0; r < seeds.Count; r++)
        {
            var single = new MolecularDynamics(options with { Seed = options.Seed + (2 * r) }).Run(model.MeanPotential(), seeds[r]);
            Assert.Equal(single.FinalStructure.Positions, replicas[r].FinalStructure.Positions, new Tolerance(1e-10));
            Assert.Equal(single.FinalVelocities, replicas[r].FinalVelocities, new Tolerance(1e-10));
            Assert.Equal(single.Frames.Select(f => f.Step), replicas[r].Frames.Select(f => f.Step));
            Assert.Equal(single.Frames.Select(f => f.TotalEnergy), replicas[r].Frames.Select(f => f.TotalEnergy), new Tolerance(1e-10));
            Assert.Equal(single.EnergyDrift, replicas[r].EnergyDrift, 1e-8);
        }
    }

    [Fact]
    public void Run_UnstableReplica_StopsAloneAndTheOthersComplete()
    {
        using var model = new SpringCommittee();
        var seeds = AttackTestKit.TriatomicSeeds(2);
        var fast = new double[9];
        fast[3] = 1.0; // an H atom at 1 Å/fs (52 eV of kinetic energy) leaves the 2 Å window within a few fs
        var options = new MdOptions { TimeStepFs = 0.5, Steps = 200, Stability = new StabilityChecker(0.3, 2.0) };

        var results = new ReplicaDynamics(options).Run(model, seeds, [fast, new double[9]]);

        Assert.Equal(MdExitReason.Unstable, results[0].ExitReason);
        Assert.NotNull(results[0].Violation);
        Assert.Equal(results[0].ViolationStep, results[0].StepsDone);
        Assert.Equal(results[0].ViolationStep * 0.5, results[0].ViolationTimeFs);
        Assert.InRange(results[0].StepsDone, 1, 50);
        Assert.Equal(MdExitReason.Completed, results[1].ExitReason);
        Assert.Equal(200, results[1].StepsDone);
        Assert.True(results[1].IsStable);
    }

    [Fact]
    public void Run_FrozenComponents_NeverMove()
    {
        using var model = new SpringCommittee();
        var seeds = AttackTestKit.TriatomicSeeds(2).Select(s => s.WithConstraints(StructureConstraints.FixAxes(3, false, false, true))).ToList();

        var results = new ReplicaDynamics(new MdOptions { TimeStepFs = 0.5, Steps = 100, InitialTemperatureK = 1000 }).Run(model, seeds);

        for (int r = 0; r < seeds.Count; r++)
        {
            var before = seeds[r].Positions.Where((_, k) => k % 3 == 2);
            Assert.Equal(before, results[r].FinalStructure.Positions.Where((_, k) => k % 3 == 2));
            Assert.NotEqual(seeds[r].Positions, results[r].FinalStructure.Positions);
            Assert.All(results[r].FinalVelocities.Where((_, k) => k % 3 == 2), v => Assert.Equal(0, v));
        }
    }

    [Fact]
    public void Run_NveOnSprings_ConservesEnergy()
    {
        using var model = new SpringCommittee();

        var results = new ReplicaDynamics(new MdOptions { TimeStepFs = 0.1, Steps = 2000, InitialTemperatureK = 300, SampleInterval = 10 }).Run(model, AttackTestKit.TriatomicSeeds(4));

        Assert.All(results, r =>
        {
            Assert.Equal(MdExitReason.Completed, r.ExitReason);
            Assert.True(r.MaxEnergyDeviation < 1e-3, r.MaxEnergyDeviation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void Constructor_TrajectoryFile_IsRejected()
        => Assert.Throws<ArgumentException>(() => new ReplicaDynamics(new MdOptions { TrajectoryPath = "x.extxyz" }));

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var model = new SpringCommittee();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new ReplicaDynamics().Run(model, AttackTestKit.TriatomicSeeds(1), cancellationToken: cancellation.Token));
    }
}
