using System.Collections.Immutable;
using AdversarialSampling.Committees;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// A non-differentiable fake committee of three members for fast loop tests: member m predicts E = 0.1·m eV and every
/// force component 0.1·m eV/Å, so its force variance is 0.01 eV²/Å² everywhere. It records what it was trained on.
/// </summary>
internal sealed class RecordingCommittee(int seed) : ICommittee
{
    public int Seed { get; } = seed;

    public string Name => "Recording";

    public int MemberCount => 3;

    public bool IsTrained { get; private set; }

    public Dataset? Training { get; private set; }

    public Dataset? Validation { get; private set; }

    /// <summary>Every committee any test trained, in order (per thread-free test use).</summary>
    public static ImmutableList<RecordingCommittee> Trained { get; private set; } = [];

    /// <summary>What <see cref="Train"/> returns (reset to one epoch, best epoch 1 for every member).</summary>
    public static CommitteeTrainingResult Result { get; set; } = DefaultResult;

    private static CommitteeTrainingResult DefaultResult => new() { Epochs = 1, BestEpoch = [1, 1, 1], BestValidationLoss = [0, 0, 0] };

    public static void Reset()
    {
        Trained = [];
        Result = DefaultResult;
    }

    public CommitteePrediction Predict(IReadOnlyList<AtomicStructure> structures, CancellationToken cancellationToken = default)
        => new(structures.Select(s => new StructurePrediction(
            [0, 0.1, 0.2],
            [.. Enumerable.Range(0, 3).Select(m => (IReadOnlyList<double>)Enumerable.Repeat(0.1 * m, 3 * s.AtomCount).ToArray())])));

    public CommitteeTrainingResult Train(Dataset training, Dataset validation, IProgress<CommitteeTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Training = training;
        Validation = validation;
        IsTrained = true;
        Trained = Trained.Add(this);
        return Result;
    }

    public PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default)
        => Predict([structure], cancellationToken)[0].ToMeanResult();
}
