using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Tests.TestSupport;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Committees;

[Collection(SerialCollection.Name)]
public class CommitteeMemoryTests
{
    [Fact]
    public void Train_RepeatedEpochs_DoNotLeakTensors()
    {
        var data = ToyData.UniformDoubleWell(40, seed: 9, -1.0, -0.5, -0.5, 0.5).Split(0.75, 0.25, seed: 1);
        using var committee = new TorchCommittee(new MlpSpec { InputComponents = [0, 1], Width = 16, Depth = 3 }, new CommitteeOptions { Members = 3, Training = new TrainingOptions { Epochs = 2, BatchSize = 8 } });
        committee.Train(data.Train, data.Validation);
        committee.Predict([.. data.Validation.Select(s => s.Structure)]);
        long before = TensorTestHelpers.LiveTensorsWithoutGarbage();
        committee.Train(data.Train, data.Validation);
        committee.Predict([.. data.Validation.Select(s => s.Structure)]);
        Assert.Equal(before, Tensor.TotalCount);
    }
}
