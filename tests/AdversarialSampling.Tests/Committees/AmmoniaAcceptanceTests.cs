using System.Diagnostics;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Committees;

/// <summary>
/// Real data (samples/data/ammonia-bp86, BP86-D3 NH3): a SchNet committee trained on generation 0 must fit
/// held-out generation-0 forces and rank the adversarial geometries of generations 1–2 as more uncertain.
/// </summary>
public class AmmoniaAcceptanceTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", "Acceptance")]
    [InlineData(0)]
    public void TrainOnGenerationZero_FitsHeldOutForcesAndRanksAdversarialFramesAsUncertain(int seed)
    {
        set_num_threads(1);
        var all = ExtendedXyzReader.ReadDataset(Path.Combine(AppContext.BaseDirectory, "TestData", "ammonia-bp86.extxyz"));
        var initial = all.Where(s => s.GetMetadata("generation", -1L) == 0);
        var adversarial = all.Where(s => s.GetMetadata("generation", -1L) is 1 or 2);
        Assert.Equal(78, initial.Count);
        Assert.Equal(60, adversarial.Count);
        var split = initial.Split(0.8, 0, seed);
        Assert.Equal(62, split.Train.Count);
        Assert.Equal(16, split.Test.Count);

        // The default SchNet architecture and a 5-member committee; no validation frames (best weights by the training loss).
        var options = new CommitteeOptions
        {
            Members = 5,
            Seed = seed,
            Training = new TrainingOptions { Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, EnergyWeight = 0.1, ForceWeight = 1, EarlyStoppingPatience = 0 },
        };
        using var committee = new TorchCommittee(new SchNetSpec(), options);
        var clock = Stopwatch.StartNew();
        var result = committee.Train(split.Train, Dataset.Empty);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        var heldOut = committee.Predict([.. split.Test.Select(s => s.Structure)]);
        var attacked = committee.Predict([.. adversarial.Select(s => s.Structure)]);
        double mae = split.Test.Select((s, i) => s.Forces.Select((f, k) => Math.Abs(heldOut[i].MeanForces[k] - f)).Average()).Average();
        var metric = new ForceVariance();
        double auc = RocAuc([.. attacked.Structures.Select(metric.Evaluate)], [.. heldOut.Structures.Select(metric.Evaluate)]);
        output.WriteLine($"seed {seed}: {result.Epochs} epochs in {trainSeconds:F1} s ({1000 * trainSeconds / result.Epochs:F0} ms/epoch), best epochs {string.Join(",", result.BestEpoch)}, held-out force MAE {mae:F4} eV/Å, force-variance ROC AUC adversarial vs held-out {auc:F3}");

        Assert.True(mae <= 0.05, $"held-out force MAE {mae:F4} eV/Å");
        Assert.True(auc >= 0.9, $"ROC AUC {auc:F3}");
    }

    [Fact]
    public void RocAuc_TiesCountHalf()
    {
        Assert.Equal(1.0, RocAuc([3, 4], [1, 2]));
        Assert.Equal(0.0, RocAuc([1], [2, 3]));
        Assert.Equal(0.5, RocAuc([1, 1], [1, 1]));
        Assert.Equal(0.75, RocAuc([2, 1], [1]));
    }

    private const int Epochs = 200;
    private const int BatchSize = 8;
    private const double LearningRate = 3e-3;

    /// <summary>ROC AUC of "positive above negative": the fraction of (positive, negative) pairs ranked correctly, ties ½.</summary>
    internal static double RocAuc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        double wins = 0;
        foreach (double p in positives)
        {
            foreach (double n in negatives)
            {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }

        return wins / (positives.Count * (double)negatives.Count);
    }
}
