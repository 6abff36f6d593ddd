using AdversarialSampling.Models;
using AdversarialSampling.Uncertainty;
using static TorchSharp.torch;

namespace AdversarialSampling.Dynamics;

/// <summary>
/// Evaluates the committee-mean energy and forces of the active replicas of a <see cref="ReplicaDynamics"/> run as one
/// graph batch (rebuilt only when the set of active replicas changes), and on request every member's output and the
/// uncertainty. Neighbour lists are rebuilt every <c>refreshInterval</c> evaluations.
/// </summary>
internal sealed class ReplicaEvaluator(ICommitteeModel model, int refreshInterval) : IDisposable
{
    private AtomBatch? _batch;
    private ReplicaState[] _members = [];
    private int _sinceRefresh;

    /// <summary>Energies (eV, per active replica), forces (eV/Å, flat over the active replicas' atoms) and, when asked, uncertainties.</summary>
    public (double[] Energies, double[] Forces, double[]? Uncertainty) Evaluate(IReadOnlyList<ReplicaState> active, IDifferentiableUncertaintyMetric? metric)
    {
        bool rebuilt = EnsureBatch(active);
        var batch = _batch!;
        using var scope = NewDisposeScope();
        var flat = new double[3 * batch.AtomCount];
        int offset = 0;
        foreach (var s in active)
        {
            s.X.CopyTo(flat, offset);
            offset += s.X.Length;
        }

        using (no_grad())
        {
            batch.Positions.copy_(AtomBatch.FloatTensor(flat, [batch.AtomCount, 3], model.DType));
        }

        if (!rebuilt && ++_sinceRefresh >= refreshInterval)
        {
            batch.RefreshNeighbors();
            _sinceRefresh = 0;
        }

        Tensor meanEnergy, meanForces;
        Tensor? uncertainty = null;
        if (metric is not null)
        {
            var output = CommitteeEvaluator.Evaluate(model, batch);
            meanEnergy = output.Energies.detach().mean([0]);
            meanForces = output.Forces.detach().mean([0]);
            uncertainty = metric.Evaluate(output.Energies.detach(), output.Forces.detach(), batch.StructureIndex, batch.StructureCount);
        }
        else
        {
            // Only the mean is needed: one backward pass of Σ_b Ē_b gives the mean forces.
            var original = batch.Positions;
            var leaf = original.detach().requires_grad_(true);
            batch.WithPositions(leaf);
            try
            {
                meanEnergy = model.MemberEnergies(batch).mean([0]);
                meanForces = autograd.grad([meanEnergy.sum()], [leaf])[0].neg();
                meanEnergy = meanEnergy.detach();
            }
            finally
            {
                batch.WithPositions(original);
            }
        }

        return (Read(meanEnergy), Read(meanForces), uncertainty is null ? null : Read(uncertainty));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _batch?.Dispose();
        _batch = null;
    }

    private static double[] Read(Tensor t) => t.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    private bool EnsureBatch(IReadOnlyList<ReplicaState> active)
    {
        if (_batch is not null && active.Count == _members.Length && active.Select((s, i) => ReferenceEquals(s, _members[i])).All(same => same))
        {
            return false;
        }

        _batch?.Dispose();
        _members = [.. active];
        _batch = AtomBatch.FromStructures([.. active.Select(s => s.Current())], model.DType);
        _sinceRefresh = 0;
        return true;
    }
}
