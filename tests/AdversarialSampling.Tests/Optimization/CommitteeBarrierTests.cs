using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.Dynamics;
using AdversarialSampling.Models;
using AdversarialSampling.Optimization;
using AdversarialSampling.Potentials;
using AdversarialSampling.Tests.TestSupport;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Optimization;

/// <summary>The barrier and dynamics tools on a trained committee (member-mean potential), against the true surface.</summary>
public class CommitteeBarrierTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Acceptance")]
    public void Neb_CommitteeTrainedOnBothWells_ReproducesTheDoubleWellBarrierAndRunsStableMd()
    {
        set_num_threads(1);
        var data = ToyData.UniformDoubleWell(300, seed: 11, -1.1, 1.0, -0.6, 0.6).Split(0.85, 0.15, seed: 0);
        var spec = new MlpSpec { InputComponents = [0, 1], Width = 32, Depth = 3 };
        var options = new CommitteeOptions { Members = 3, Seed = 3, Training = new TrainingOptions { Epochs = 120, LearningRate = 1e-2 } };
        using var committee = new TorchCommittee(spec, options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        committee.Train(data.Train, data.Validation);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var neb = new NudgedElasticBand(new NebOptions
        {
            SpringConstant = 1,
            Band = new FireOptions { ForceTolerance = 1e-3, MaxSteps = 1000 },
            EndpointOptimizer = new LbfgsOptimizer(new LbfgsOptions { ForceTolerance = 1e-4 }),
        });

        var onCommittee = neb.Run(committee, DoubleWell2D.Particle(-0.75, 0), DoubleWell2D.Particle(0.65, 0));
        var onSurface = neb.Run(new DoubleWell2D(), DoubleWell2D.Particle(-0.75, 0), DoubleWell2D.Particle(0.65, 0));
        var md = new MolecularDynamics(new MdOptions { TimeStepFs = 0.2, Steps = 500, InitialTemperatureK = 2000 }).Run(committee, onCommittee.Images[0]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training {trainSeconds:F1} s, NEB + MD {clock.Elapsed.TotalSeconds - trainSeconds:F1} s ({onCommittee.Evaluations} NEB evaluations)"));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"barrier: committee {onCommittee.Barrier:F4} eV at x = {onCommittee.Saddle.Positions[0]:F4}, surface {onSurface.Barrier:F4} eV at x = {onSurface.Saddle.Positions[0]:F4}; committee NVE max |ΔE| {md.MaxEnergyDeviation:E2} eV"));
        Assert.True(onCommittee.Converged, onCommittee.ToString());
        Assert.Equal(onSurface.Barrier, onCommittee.Barrier, 0.1);
        Assert.Equal(onSurface.Saddle.Positions[0], onCommittee.Saddle.Positions[0], 0.05);
        Assert.Equal(MdExitReason.Completed, md.ExitReason);
        Assert.True(md.MaxEnergyDeviation < 0.01 * Math.Abs(md.Frames[0].TotalEnergy), md.MaxEnergyDeviation.ToString(CultureInfo.InvariantCulture));
    }
}
