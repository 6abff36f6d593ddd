using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.TestSupport;

/// <summary>A potential that delegates to another and returns NaN (energy) from call number <paramref name="calls"/> + 1 on.</summary>
internal sealed class NaNAfter(IPotential inner, int calls) : IPotential
{
    private int _count;

    public string Name => "NaNAfter";

    public PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default)
        => ++_count > calls ? new PotentialResult(double.NaN, new double[3 * structure.AtomCount]) : inner.Compute(structure, cancellationToken);
}
