using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.TestSupport;

/// <summary>
/// A committee of harmonic "molecules" (float64, no parameters): member m gives every pair of a structure the energy
/// k_m (d − d₀)² with k_m = k (1 + 0.2 (m − (M − 1)/2)), so the members agree at d = d₀ and their force variance grows
/// with the distortion. Bounded dynamics and a physically meaningful uncertainty for MD tests.
/// </summary>
internal sealed class SpringCommittee(int members = 4, double springConstant = 5, double restLength = 1.0) : ICommitteeModel
{
    public int MemberCount => members;

    public ScalarType DType => ScalarType.Float64;

    public Tensor MemberEnergies(AtomBatch batch) => Energies(batch, batch.Positions.unsqueeze(0).expand(members, -1, -1));

    public Tensor MemberEnergies(AtomBatch batch, Tensor memberPositions) => Energies(batch, memberPositions);

    public IEnumerable<TorchSharp.Modules.Parameter> Parameters() => [];

    public void SetTrainable(bool trainable)
    {
    }

    public void Dispose()
    {
    }

    /// <summary>The member-mean potential as an IPotential (for comparisons with MolecularDynamics).</summary>
    public IPotential MeanPotential() => new Mean(this);

    private Tensor Energies(AtomBatch batch, Tensor positions)
    {
        var first = new List<long>();
        var second = new List<long>();
        var owner = new List<long>();
        for (int b = 0; b < batch.StructureCount; b++)
        {
            for (int i = batch.AtomOffsets[b]; i < batch.AtomOffsets[b + 1]; i++)
            {
                for (int j = i + 1; j < batch.AtomOffsets[b + 1]; j++)
                {
                    first.Add(i);
                    second.Add(j);
                    owner.Add(b);
                }
            }
        }

        var k = tensor(Enumerable.Range(0, members).Select(m => springConstant * (1 + (0.2 * (m - ((members - 1) / 2.0))))).ToArray(), [members, 1], ScalarType.Float64);
        var d = (positions.index_select(1, tensor(second.ToArray())) - positions.index_select(1, tensor(first.ToArray()))).square().sum(2).sqrt();
        var pair = k * (d - restLength).square();
        return zeros(members, batch.StructureCount, ScalarType.Float64).index_add(1, tensor(owner.ToArray()), pair, 1.0);
    }

    private sealed class Mean(SpringCommittee committee) : IPotential
    {
        public string Name => "spring committee mean";

        public PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default)
        {
            using var scope = NewDisposeScope();
            using var batch = AtomBatch.FromStructures([structure], ScalarType.Float64);
            var output = CommitteeEvaluator.Evaluate(committee, batch);
            double energy = output.Energies.mean([0]).to_type(ScalarType.Float64).data<double>()[0];
            var forces = output.Forces.mean([0]).contiguous().data<double>().ToArray();
            return new PotentialResult(energy, forces);
        }
    }
}
