using AdversarialSampling.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Attacks;

/// <summary>
/// Wraps a committee model: counts evaluations, records whether any weight was trainable during one, and
/// cancels a token after a number of calls. Does not own the inner model.
/// </summary>
internal sealed class CountingCommittee(ICommitteeModel inner, int afterCalls, CancellationTokenSource? cancel) : ICommitteeModel
{
    public int Calls { get; private set; }

    public bool SawTrainableWeights { get; private set; }

    public int MemberCount => inner.MemberCount;

    public ScalarType DType => inner.DType;

    public Tensor MemberEnergies(AtomBatch batch)
    {
        Count();
        return inner.MemberEnergies(batch);
    }

    public Tensor MemberEnergies(AtomBatch batch, Tensor memberPositions)
    {
        Count();
        return inner.MemberEnergies(batch, memberPositions);
    }

    public IEnumerable<Parameter> Parameters() => inner.Parameters();

    public void SetTrainable(bool trainable) => inner.SetTrainable(trainable);

    public void Dispose()
    {
    }

    private void Count()
    {
        Calls++;
        SawTrainableWeights |= inner.Parameters().Any(p => p.requires_grad);
        if (Calls >= afterCalls)
        {
            cancel?.Cancel();
        }
    }
}
