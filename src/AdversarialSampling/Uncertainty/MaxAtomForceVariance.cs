using AdversarialSampling.Committees;
using static TorchSharp.torch;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// Maximum over atoms of the per-atom force variance (eV²/Å²), where the per-atom value is the mean over
/// x, y, z of Var_m[F_m,i,c] (see <see cref="CommitteeVariance.PerAtomForce(StructurePrediction, VarianceEstimator)"/>).
/// For extended systems, where the global mean dilutes a local extrapolation. Unbiased (M − 1) by default.
/// </summary>
/// <param name="estimator">Variance estimator; default unbiased (M − 1).</param>
public sealed class MaxAtomForceVariance(VarianceEstimator estimator = VarianceEstimator.Unbiased) : CommitteeVarianceMetric(estimator)
{
    /// <inheritdoc />
    public override string Name => "MaxAtomForceVariance";

    /// <summary>eV²/Å².</summary>
    public override UncertaintyUnit Unit => UncertaintyUnit.ForceVariance;

    /// <summary>The largest per-atom force variance of one structure (eV²/Å²).</summary>
    /// <param name="prediction">Per-member predictions (at least one atom).</param>
    /// <returns>max_i (1/3) Σ_c Var_m[F_m,i,c].</returns>
    /// <exception cref="ArgumentException">No atoms, or too few members for the estimator.</exception>
    public override double Evaluate(StructurePrediction prediction)
    {
        CommitteeVariance.RequireAtoms(prediction, Name);
        return CommitteeVariance.PerAtomForce(prediction, Estimator).Max();
    }

    /// <inheritdoc />
    protected override Tensor EvaluateTensor(Tensor memberEnergies, Tensor memberForces, Tensor structureIndex, int structureCount)
        => CommitteeVariance.SegmentMax(CommitteeVariance.PerAtomForce(memberForces, Estimator), structureIndex, structureCount);
}
