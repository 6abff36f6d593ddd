using AdversarialSampling.Committees;
using static TorchSharp.torch;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// Total-energy uncertainty u_E = Var_m[E_m] (eV²), unbiased (M − 1) by default. Grows with system size;
/// see <see cref="EnergyPerAtomVariance"/> for the size-intensive version.
/// </summary>
/// <param name="estimator">Variance estimator; default unbiased (M − 1).</param>
public sealed class EnergyVariance(VarianceEstimator estimator = VarianceEstimator.Unbiased) : CommitteeVarianceMetric(estimator)
{
    /// <inheritdoc />
    public override string Name => "EnergyVariance";

    /// <summary>eV².</summary>
    public override UncertaintyUnit Unit => UncertaintyUnit.EnergyVariance;

    /// <summary>Var_m[E_m] of one structure (eV²).</summary>
    /// <param name="prediction">Per-member predictions.</param>
    /// <returns>The member variance of the energies.</returns>
    /// <exception cref="ArgumentException">Too few members for the estimator.</exception>
    public override double Evaluate(StructurePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return CommitteeVariance.Of(prediction.MemberEnergies, Estimator);
    }

    /// <inheritdoc />
    protected override Tensor EvaluateTensor(Tensor memberEnergies, Tensor memberForces, Tensor structureIndex, int structureCount)
        => CommitteeVariance.OverMembers(memberEnergies, Estimator);
}
