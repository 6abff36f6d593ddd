using AdversarialSampling.Uncertainty;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Committees;

/// <summary>
/// Real data (samples/data/ammonia-bp86, BP86-D3 NH3): a SchNet committee trained on generation 0 (the shared
/// <see cref="AmmoniaCommittee"/>) must fit held-out generation-0 forces and rank the adversarial geometries of
/// generations 1–2 as more uncertain.
/// </summary>
[Collection(AmmoniaCommittee.Collection)]
public class AmmoniaAcceptanceTests(AmmoniaCommittee fixture, ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Acceptance")]
    public void TrainOnGenerationZero_FitsHeldOutForcesAndRanksAdversarialFramesAsUncertain()
    {
        Assert.Equal(78, fixture.Initial.Count);
        Assert.Equal(60, fixture.Adversarial.Count);
        Assert.Equal(62, fixture.Split.Train.Count);
        Assert.Equal(16, fixture.Split.Test.Count);

        // The default SchNet architecture and a 5-member committee; no validation frames (best weights by the training loss).
        var committee = fixture.Committee;
        var result = fixture.Result!;
        var heldOut = committee.Predict([.. fixture.Split.Test.Select(s => s.Structure)]);
        var attacked = committee.Predict([.. fixture.Adversarial.Select(s => s.Structure)]);
        double mae = fixture.Split.Test.Select((s, i) => s.Forces.Select((f, k) => Math.Abs(heldOut[i].MeanForces[k] - f)).Average()).Average();
        var metric = new ForceVariance();
        double auc = RocAuc([.. attacked.Structures.Select(metric.Evaluate)], [.. heldOut.Structures.Select(metric.Evaluate)]);
        output.WriteLine($"seed {AmmoniaCommittee.Seed}: {result.Epochs} epochs in {fixture.TrainSeconds:F1} s ({1000 * fixture.TrainSeconds / result.Epochs:F0} ms/epoch), best epochs {string.Join(",", result.BestEpoch)}, held-out force MAE {mae:F4} eV/Å, force-variance ROC AUC adversarial vs held-out {auc:F3}");

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
