using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Models;

/// <summary>
/// Test-only evaluation of an <see cref="ICommitteeModel"/>: energies and per-member forces −∂E_m/∂x by
/// autograd, and the gradient of Σ_m Σ|F_m|² (double backward, what the attack needs). Stands in for the
/// committee evaluator of the Committees namespace.
/// </summary>
internal static class CommitteeTestEvaluator
{
    /// <summary>Energies [M, B] (eV), one fresh batch (so a fresh neighbour list) per call.</summary>
    public static double[,] Energies(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(structures, model.DType);
        using var noGrad = no_grad();
        return ToMatrix(model.MemberEnergies(batch));
    }

    /// <summary>Energies [M, B] and forces [M][3A] (eV/Å, flat over the batch's atoms).</summary>
    public static (double[,] Energies, double[][] Forces) EnergiesAndForces(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(structures, model.DType);
        var x = batch.Positions.detach().clone().requires_grad_(true);
        batch.WithPositions(x);
        var energies = model.MemberEnergies(batch);
        var forces = new double[model.MemberCount][];
        for (int m = 0; m < model.MemberCount; m++)
        {
            var g = autograd.grad([energies[m].sum()], [x], retain_graph: true)[0];
            forces[m] = ToArray(-g);
        }

        return (ToMatrix(energies), forces);
    }

    /// <summary>q = Σ_m Σ_i |F_m,i|² (eV²/Å²) and its gradient ∂q/∂x (flat 3A) by double backward.</summary>
    public static (double Value, double[] Gradient) ForceSquareSum(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(structures, model.DType);
        var x = batch.Positions.detach().clone().requires_grad_(true);
        batch.WithPositions(x);
        var energies = model.MemberEnergies(batch);
        Tensor q = zeros([], model.DType);
        for (int m = 0; m < model.MemberCount; m++)
        {
            var g = autograd.grad([energies[m].sum()], [x], retain_graph: true, create_graph: true)[0];
            q = q + g.square().sum();
        }

        var dq = autograd.grad([q], [x])[0];
        return (q.to(ScalarType.Float64).item<double>(), ToArray(dq));
    }

    public static double[] ToArray(Tensor t) => t.detach().to(ScalarType.Float64).contiguous().data<double>().ToArray();

    private static double[,] ToMatrix(Tensor energies)
    {
        var flat = ToArray(energies);
        int m = (int)energies.shape[0], b = (int)energies.shape[1];
        var result = new double[m, b];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < b; j++)
            {
                result[i, j] = flat[i * b + j];
            }
        }

        return result;
    }
}
