using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// Variances over committee members, the building blocks of the variance metrics. Plain versions work on
/// <see cref="StructurePrediction"/> (two-pass mean then squared deviations, double precision); the tensor
/// versions (internal) are their differentiable counterparts used by the metrics' tensor overloads.
/// </summary>
public static class CommitteeVariance
{
    /// <summary>Variance of member values.</summary>
    /// <param name="values">One value per member (length M).</param>
    /// <param name="estimator">Estimator; unbiased divides by M − 1 (needs M ≥ 2), population by M.</param>
    /// <returns>The variance (unit of the values squared).</returns>
    /// <exception cref="ArgumentException">No values, or one value with the unbiased estimator.</exception>
    public static double Of(IReadOnlyList<double> values, VarianceEstimator estimator = VarianceEstimator.Unbiased)
    {
        ArgumentNullException.ThrowIfNull(values);
        double divisor = Divisor(values.Count, estimator);
        double mean = 0;
        for (int m = 0; m < values.Count; m++)
        {
            mean += values[m];
        }

        mean /= values.Count;
        double ss = 0;
        for (int m = 0; m < values.Count; m++)
        {
            double d = values[m] - mean;
            ss += d * d;
        }

        return ss / divisor;
    }

    /// <summary>Member variance of every force component: Var_m[F_m,k] for k in 0..3N−1 (eV²/Å², flat row-major N×3).</summary>
    /// <param name="prediction">Per-member predictions of one structure.</param>
    /// <param name="estimator">Estimator (default unbiased, M − 1).</param>
    /// <returns>3N variances (eV²/Å²).</returns>
    public static double[] ForceComponents(StructurePrediction prediction, VarianceEstimator estimator = VarianceEstimator.Unbiased)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        double divisor = Divisor(prediction.MemberCount, estimator);
        var mean = prediction.MeanForces;
        var result = new double[mean.Length];
        foreach (var forces in prediction.MemberForces)
        {
            for (int k = 0; k < result.Length; k++)
            {
                double d = forces[k] - mean[k];
                result[k] += d * d;
            }
        }

        for (int k = 0; k < result.Length; k++)
        {
            result[k] /= divisor;
        }

        return result;
    }

    /// <summary>
    /// Per-atom force variance (eV²/Å², length N): for atom i, the mean over x, y, z of the member variance
    /// of its force components, (1/3) Σ_c Var_m[F_m,i,c]. Its mean over atoms equals the force variance u_F.
    /// </summary>
    /// <param name="prediction">Per-member predictions of one structure.</param>
    /// <param name="estimator">Estimator (default unbiased, M − 1).</param>
    /// <returns>N variances (eV²/Å²).</returns>
    public static double[] PerAtomForce(StructurePrediction prediction, VarianceEstimator estimator = VarianceEstimator.Unbiased)
    {
        var components = ForceComponents(prediction, estimator);
        var perAtom = new double[components.Length / 3];
        for (int i = 0; i < perAtom.Length; i++)
        {
            perAtom[i] = (components[3 * i] + components[3 * i + 1] + components[3 * i + 2]) / 3.0;
        }

        return perAtom;
    }

    /// <summary>The variance divisor: M − 1 (unbiased) or M (population).</summary>
    internal static double Divisor(int memberCount, VarianceEstimator estimator)
    {
        int minimum = estimator == VarianceEstimator.Unbiased ? 2 : 1;
        if (memberCount < minimum)
        {
            throw new ArgumentException(
                $"The {estimator} variance estimator needs at least {minimum.ToString(CultureInfo.InvariantCulture)} committee members; got {memberCount.ToString(CultureInfo.InvariantCulture)}.");
        }

        return estimator switch
        {
            VarianceEstimator.Unbiased => memberCount - 1,
            VarianceEstimator.Population => memberCount,
            _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "Unknown variance estimator."),
        };
    }

    /// <summary>Throws unless the prediction has at least one atom.</summary>
    internal static void RequireAtoms(StructurePrediction prediction, string metricName)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.AtomCount == 0)
        {
            throw new ArgumentException($"{metricName} is undefined for a structure without atoms.", nameof(prediction));
        }
    }

    /// <summary>Member variance along dimension 0 of a tensor (differentiable).</summary>
    internal static Tensor OverMembers(Tensor values, VarianceEstimator estimator)
    {
        Divisor((int)values.shape[0], estimator);
        return values.var(0L, unbiased: estimator == VarianceEstimator.Unbiased, keepdim: false);
    }

    /// <summary>Per-atom force variance from member forces [M, A, 3] → [A] (mean over x, y, z).</summary>
    internal static Tensor PerAtomForce(Tensor memberForces, VarianceEstimator estimator)
        => OverMembers(memberForces, estimator).mean([1L]);

    /// <summary>Number of atoms of each structure, [B], in <paramref name="dtype"/>.</summary>
    internal static Tensor AtomCounts(Tensor structureIndex, int structureCount, ScalarType dtype)
        => zeros(structureCount, dtype, structureIndex.device)
            .index_add(0, structureIndex, ones(structureIndex.shape[0], dtype, structureIndex.device), TorchScalars.One);

    /// <summary>Mean of per-atom values over each structure's atoms, [A] → [B] (differentiable).</summary>
    internal static Tensor SegmentMean(Tensor perAtom, Tensor structureIndex, int structureCount)
    {
        var sums = zeros(structureCount, perAtom.dtype, perAtom.device).index_add(0, structureIndex, perAtom, TorchScalars.One);
        return sums / AtomCounts(structureIndex, structureCount, perAtom.dtype);
    }

    /// <summary>
    /// Maximum of per-atom values over each structure's atoms, [A] → [B]; −∞ for a structure without atoms.
    /// The arg-max of each structure is found on detached values, then gathered, so the gradient flows to that
    /// atom only (as <c>torch.max</c>; libtorch's differentiable <c>index_reduce</c> is not bound in TorchSharp).
    /// </summary>
    internal static Tensor SegmentMax(Tensor perAtom, Tensor structureIndex, int structureCount)
    {
        int atoms = (int)perAtom.shape[0];
        double[] values;
        long[] owner;
        using (no_grad())
        {
            using var v = perAtom.detach().to(ScalarType.Float64, CPU);
            using var o = structureIndex.to(CPU);
            values = v.data<double>().ToArray();
            owner = o.data<long>().ToArray();
        }

        var best = new long[structureCount];
        Array.Fill(best, atoms);
        for (int i = 0; i < atoms; i++)
        {
            long b = owner[i];
            if (b < 0 || b >= structureCount)
            {
                throw new ArgumentException($"Structure index of atom {i.ToString(CultureInfo.InvariantCulture)} is {b.ToString(CultureInfo.InvariantCulture)}, outside [0, {structureCount.ToString(CultureInfo.InvariantCulture)}).", nameof(structureIndex));
            }

            if (best[b] == atoms || values[i] > values[best[b]] || double.IsNaN(values[i]))
            {
                best[b] = i;
            }
        }

        var padded = cat([perAtom, full(1, TorchScalars.NegativeInfinity, perAtom.dtype, perAtom.device)], 0);
        return padded.index_select(0, tensor(best, ScalarType.Int64, perAtom.device));
    }

    /// <summary>Validates the tensor inputs of a metric: energies [M, B], forces [M, A, 3], structure index [A] int64.</summary>
    internal static void ValidateTensors(Tensor memberEnergies, Tensor memberForces, Tensor structureIndex, int structureCount)
    {
        ArgumentNullException.ThrowIfNull(memberEnergies);
        ArgumentNullException.ThrowIfNull(memberForces);
        ArgumentNullException.ThrowIfNull(structureIndex);
        if (memberEnergies.dim() != 2 || memberEnergies.shape[1] != structureCount)
        {
            throw new ArgumentException($"Member energies must be [M, B] with B = {structureCount.ToString(CultureInfo.InvariantCulture)}; got [{string.Join(", ", memberEnergies.shape)}].", nameof(memberEnergies));
        }

        if (memberForces.dim() != 3 || memberForces.shape[2] != 3 || memberForces.shape[0] != memberEnergies.shape[0])
        {
            throw new ArgumentException($"Member forces must be [M, A, 3] with M = {memberEnergies.shape[0].ToString(CultureInfo.InvariantCulture)}; got [{string.Join(", ", memberForces.shape)}].", nameof(memberForces));
        }

        if (structureIndex.dim() != 1 || structureIndex.shape[0] != memberForces.shape[1] || structureIndex.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"Structure index must be int64 [A] with A = {memberForces.shape[1].ToString(CultureInfo.InvariantCulture)}; got {structureIndex.dtype} [{string.Join(", ", structureIndex.shape)}].", nameof(structureIndex));
        }
    }
}
