using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static TorchSharp.torch;

namespace AdversarialSampling.Benchmarks;

/// <summary>Shared steps of the committee benchmarks.</summary>
internal static class CommitteeBench
{
    /// <summary>
    /// Builds the batch (neighbour lists included) and evaluates every member's energies and forces with
    /// <see cref="CommitteeEvaluator"/>, inside a dispose scope; returns one force value so nothing is optimised away.
    /// </summary>
    public static float EnergiesAndForces(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(structures, model.DType);
        var output = CommitteeEvaluator.Evaluate(model, batch);
        return output.Forces[0, 0, 0].item<float>();
    }

    /// <summary>
    /// One attack-style step: energies and forces with their graph at x + δ, the mean per-atom force variance
    /// (<see cref="ForceVariance"/>), and its gradient with respect to δ (double backpropagation). The batch is built
    /// once by the caller (an attack reuses it across steps).
    /// </summary>
    public static float ForceVarianceGradient(ICommitteeModel model, AtomBatch batch)
    {
        using var scope = NewDisposeScope();
        var delta = zeros_like(batch.Positions).requires_grad_(true);
        var output = CommitteeEvaluator.Evaluate(model, batch, batch.Positions.Plus(delta), createGraph: true);
        var u = Metric.PerAtom(output.Forces).mean();
        return autograd.grad([u], [delta])[0][0, 0].item<float>();
    }

    private static readonly ForceVariance Metric = new();
}
