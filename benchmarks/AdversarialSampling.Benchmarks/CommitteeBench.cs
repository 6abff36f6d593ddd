using AdversarialSampling.Models;
using AdversarialSampling.Structures;
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
}
