using AdversarialSampling.Committees;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Attacks;

/// <summary>An <see cref="ICommittee"/> without a tensor-level model (the gradient attack must refuse it).</summary>
internal sealed class NotATensorCommittee : ICommittee
{
    public string Name => "plain";

    public int MemberCount => 2;

    public bool IsTrained => true;

    public PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IReadOnlyList<PotentialResult> ComputeBatch(IReadOnlyList<AtomicStructure> structures, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public CommitteePrediction Predict(IReadOnlyList<AtomicStructure> structures, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public CommitteeTrainingResult Train(Dataset training, Dataset validation, IProgress<CommitteeTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();
}
