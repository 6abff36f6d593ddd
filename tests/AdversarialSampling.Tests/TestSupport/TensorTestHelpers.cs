using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.TestSupport;

/// <summary>Plain-array views of committee models for assertions.</summary>
internal static class TensorTestHelpers
{
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
