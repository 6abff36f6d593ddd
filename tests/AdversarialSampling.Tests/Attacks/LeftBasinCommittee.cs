using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Attacks;

/// <summary>
/// A 5-member MLP committee (2→64→64→64→1) trained on the 2D double well's left basin
/// (<see cref="DoubleWell2D.InitialTrainingSet"/>, 80/20 split, Adam 1e-2, 300 epochs), shared by the acceptance tests.
/// </summary>
public sealed class LeftBasinCommittee : IDisposable
{
    public LeftBasinCommittee()
    {
        TorchSharp.torch.set_num_threads(1);
        var split = DoubleWell2D.InitialTrainingSet().Split(0.8, 0.2, seed: 0);
        Training = split.Train;
        Committee = new TorchCommittee(
            new MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 64, Depth = 4 },
            new CommitteeOptions { Members = 5, Seed = 1, Training = new TrainingOptions { Epochs = 300, LearningRate = 1e-2 } });
        Committee.Train(split.Train, split.Validation);
    }

    public TorchCommittee Committee { get; }

    public Dataset Training { get; }

    public List<AtomicStructure> Seeds => [.. Training.Select(s => s.Structure)];

    public void Dispose() => Committee.Dispose();
}
