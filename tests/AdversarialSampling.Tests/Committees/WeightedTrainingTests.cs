using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using static AdversarialSampling.Tests.TestSupport.TensorTestHelpers;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Committees;

/// <summary>Per-sample loss weights of <see cref="TorchCommittee.TrainWeighted"/>.</summary>
public class WeightedTrainingTests
{
    private static readonly MlpSpec Spec = new() { InputComponents = [0, 1], Width = 16, Depth = 3 };

    private static DatasetSplit Data() => ToyData.UniformDoubleWell(40, seed: 9, -1.0, 0.5, -0.5, 0.5).Split(0.75, 0.25, seed: 1);

    private static CommitteeOptions Options() => new() { Members = 3, Seed = 4, Training = new TrainingOptions { Epochs = 6, LearningRate = 1e-2, BatchSize = 8 } };

    [Fact]
    public void Train_EqualWeights_GiveBitIdenticalWeightsToTheUnweightedTraining()
    {
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            var data = Data();
            using var plain = new TorchCommittee(Spec, Options());
            using var weighted = new TorchCommittee(Spec, Options());
            var a = plain.Train(data.Train, data.Validation);
            var b = weighted.TrainWeighted(data.Train, data.Validation, _ => 3.0);
            Assert.Equal(a.BestValidationLoss.ToArray(), b.BestValidationLoss.ToArray());
            Assert.True(AllWeights(plain.Model).SequenceEqual(AllWeights(weighted.Model)), "Equal weights changed the training.");
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void Train_UnequalWeights_ChangeTheFit()
    {
        var data = Data();
        using var plain = new TorchCommittee(Spec, Options());
        using var weighted = new TorchCommittee(Spec, Options());
        plain.Train(data.Train, data.Validation);
        weighted.TrainWeighted(data.Train, data.Validation, s => s.Energy < -2 ? 1.0 : 0.1);
        Assert.False(AllWeights(plain.Model).SequenceEqual(AllWeights(weighted.Model)));
    }

    [Fact]
    public void MemberLoss_Weights_AverageEachSamplesLossTimesItsWeight()
    {
        // Single-atom samples: the batch loss is (1/B) Σ_i w_i·l_i with l_i the sample's own w_E·MSE(E) + w_F·MSE(F).
        using var committee = new TorchCommittee(Spec, Options());
        var samples = Data().Train.Take(5).ToList();
        double[] w = [0.5, 2.0, 1.0, 0.0, 1.5];
        using var scope = NewDisposeScope();
        var model = committee.Model;
        double[] Loss(IReadOnlyList<LabelledSample> s, IReadOnlyList<double>? weights)
        {
            using var batch = LabelledBatch.Create(s, model.DType, weights);
            return batch.MemberLoss(model, 1, 10, createGraph: false).detach().to_type(ScalarType.Float64).data<double>().ToArray();
        }

        var batchLoss = Loss(samples, w);
        var single = samples.Select(s => Loss([s], null)).ToList();
        for (int m = 0; m < committee.MemberCount; m++)
        {
            double expected = Enumerable.Range(0, samples.Count).Sum(i => w[i] * single[i][m]) / samples.Count;
            Assert.Equal(expected, batchLoss[m], expected * 1e-5);
        }
    }

    [Fact]
    public void Train_NegativeWeight_ThrowsNamingTheSample()
    {
        var data = Data();
        using var committee = new TorchCommittee(Spec, Options());
        var e = Assert.Throws<ArgumentException>(() => committee.TrainWeighted(data.Train, data.Validation, s => ReferenceEquals(s, data.Train[2]) ? -1 : 1));
        Assert.StartsWith("The loss weight of training sample 2 is -1; weights must be finite and ≥ 0.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_AllValidationWeightsZero_Throws()
    {
        var data = Data();
        using var committee = new TorchCommittee(Spec, Options());
        var validation = new HashSet<LabelledSample>(data.Validation, ReferenceEqualityComparer.Instance);
        var e = Assert.Throws<ArgumentException>(() => committee.TrainWeighted(data.Train, data.Validation, s => validation.Contains(s) ? 0 : 1));
        Assert.StartsWith("Every loss weight of the validation set is zero; at least one sample must have a positive weight.", e.Message, StringComparison.Ordinal);
    }
}
