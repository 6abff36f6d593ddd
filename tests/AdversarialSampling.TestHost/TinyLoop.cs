using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Loop;
using AdversarialSampling.Models;
using AdversarialSampling.Potentials;
using AdversarialSampling.Selection;

namespace AdversarialSampling.TestHost;

/// <summary>
/// The tiny active-learning loop of the loop tests, shared by the child process and the tests: the 2D double well
/// (left-basin initial data, 200 draws), a 3-member 2→32→32→1 MLP committee trained for 15 epochs, a random-displacement
/// and a gradient explorer, 2 generations of at most 8 labels.
/// </summary>
public static class TinyLoop
{
    public static ActiveLearningLoopBuilder Builder(string runDirectory, IOracle oracle, int generations = 2, int seed = 3)
    {
        TorchSharp.torch.set_num_threads(1);
        var initial = DoubleWell2D.InitialTrainingSet(points: 240, seed: 1);
        var kT = Temperature.FromThermalEnergy(5);
        return ActiveLearningLoop.CreateBuilder()
            .WithCommittee(
                new MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 32, Depth = 3 },
                new CommitteeOptions { Members = 3, Training = new TrainingOptions { Epochs = 15, LearningRate = 1e-2, BatchSize = 32 } })
            .WithOracle(oracle)
            .WithInitialData(initial)
            .AddExplorer(new RandomDisplacement(new RandomDisplacementOptions { Objective = new AttackObjectiveOptions { Temperature = kT }, DisplacementStd = 0.3 }), share: 1)
            .AddExplorer(new GradientAttack(GradientAttackOptions.Paper() with { Steps = 40, LearningRate = 2e-2 }), share: 1)
            .WithSeedPolicy(SeedPolicy.Random(12))
            .WithSelection(new SelectionOptions { Cap = 8, Percentile = 50, RmsdMode = RmsdMode.Plain, DistanceToTraining = 0.01, DistanceBetweenCandidates = 0.02 })
            .WithTemperature(kT)
            .WithGenerations(generations)
            .WithRunDirectory(runDirectory)
            .WithSeed(seed);
    }
}
