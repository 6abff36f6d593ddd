using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.TestSupport;

/// <summary>Plain-array views of committee models for assertions.</summary>
internal static class TensorTestHelpers
{
    /// <summary>
    /// Live TorchSharp tensors after finalising the garbage of earlier tests: a tensor another test dropped without
    /// disposing is freed by its finalizer whenever a collection happens, which would change a count taken later.
    /// </summary>
    /// <returns><see cref="TorchSharp.torch.Tensor.TotalCount"/> after a full collection and the pending finalizers.</returns>
    public static long LiveTensorsWithoutGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return TorchSharp.torch.Tensor.TotalCount;
    }

    /// <summary>Member m's parameters as float64 arrays, in ownership order.</summary>
    public static List<double[]> MemberWeights(ICommitteeModel model, int member)
    {
        using var scope = NewDisposeScope();
        var result = new List<double[]>();
        foreach (var p in model.ParameterOwnership()!)
        {
            if (p.IsStacked)
            {
                result.Add(ToArray(p.Parameter[member]));
            }
            else if (p.Member == member)
            {
                result.Add(ToArray(p.Parameter));
            }
        }

        return result;
    }

    /// <summary>All parameters, concatenated, as float64 (bitwise comparison of whole models).</summary>
    public static double[] AllWeights(ICommitteeModel model)
    {
        using var scope = NewDisposeScope();
        return [.. model.Parameters().SelectMany(ToArray)];
    }

    /// <summary>Energies [M·B] and forces [M·A·3] of structures, row-major, float64.</summary>
    public static (double[] Energies, double[] Forces) Evaluate(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(structures, model.DType);
        var output = CommitteeEvaluator.Evaluate(model, batch);
        return (ToArray(output.Energies), ToArray(output.Forces));
    }

    /// <summary>Energies [M, B] (eV) without gradients, one fresh batch (so a fresh neighbour list) per call.</summary>
    public static double[,] Energies(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(structures, model.DType);
        using var noGrad = no_grad();
        return ToMatrix(model.MemberEnergies(batch));
    }

    /// <summary>Energies [M, B] and forces [M][3A] (eV/Å, flat over the batch's atoms) from <see cref="CommitteeEvaluator"/>.</summary>
    public static (double[,] Energies, double[][] Forces) EnergiesAndForces(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(structures, model.DType);
        var output = CommitteeEvaluator.Evaluate(model, batch);
        return (ToMatrix(output.Energies), [.. Enumerable.Range(0, model.MemberCount).Select(m => ToArray(output.Forces[m]))]);
    }

    /// <summary>
    /// q = Σ_m Σ_i |F_m,i|² (eV²/Å²) and its gradient ∂q/∂x (flat 3A) by double backward through
    /// <see cref="CommitteeEvaluator"/> (what the attack does with a force-based uncertainty).
    /// </summary>
    public static (double Value, double[] Gradient) ForceSquareSum(ICommitteeModel model, IReadOnlyList<AtomicStructure> structures)
    {
        using var scope = NewDisposeScope();
        using var batch = AtomBatch.FromStructures(structures, model.DType);
        var x = batch.Positions.detach().clone().requires_grad_(true);
        var q = CommitteeEvaluator.Evaluate(model, batch, x, createGraph: true).Forces.square().sum();
        var dq = autograd.grad([q], [x])[0];
        return (q.to_type(ScalarType.Float64).item<double>(), ToArray(dq));
    }

    /// <summary>A [M, B] tensor as a float64 matrix.</summary>
    public static double[,] ToMatrix(Tensor energies)
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

    public static double[] ToArray(Tensor t) => t.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    public static void AllClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double absolute, double relative = 0)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double tol = absolute + (relative * Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"Index {i}: expected {expected[i]:R}, actual {actual[i]:R} (tolerance {tol:G3}).");
        }
    }
}
