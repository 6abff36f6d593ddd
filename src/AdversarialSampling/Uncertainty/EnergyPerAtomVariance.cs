using AdversarialSampling.Committees;
using static TorchSharp.torch;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// Per-atom energy uncertainty Var_m[E_m / N] = Var_m[E_m] / N² ((eV/atom)²), unbiased (M − 1) by default.
/// (The ANI query-by-committee uses its square root, σ_E/√N, which is a different normalisation.)
/// </summary>
/// <param name="estimator">Variance estimator; default unbiased (M − 1).</param>
public sealed class EnergyPerAtomVariance(VarianceEstimator estimator = VarianceEstimator.Unbiased) : CommitteeVarianceMetric(estimator)
{
    /// <inheritdoc />
    public override string Name => "EnergyPerAtomVariance";

    /// <summary>(eV/atom)².</summary>
    public override UncertaintyUnit Unit => UncertaintyUnit.EnergyPerAtomVariance;

    /// <summary>Var_m[E_m] / N² of one structure ((eV/atom)²).</summary>
    /// <param name="prediction">Per-member predictions (at least one atom).</param>
    /// <returns>The member variance of the per-atom energies.</returns>
    /// <exception cref="ArgumentException">No atoms, or too few members for the estimator.</exception>
    public override double Evaluate(StructurePrediction prediction)
    {
        CommitteeVariance.RequireAtoms(prediction, Name);
        double n = prediction.AtomCount;
        return CommitteeVariance.Of(prediction.MemberEnergies, Estimator) / (n * n);
    }

    /// <inheritdoc />
    protected override Tensor EvaluateTensor(Tensor memberEnergies, Tensor memberForces, Tensor structureIndex, int structureCount)
    {
        var counts = CommitteeVariance.AtomCounts(structureIndex, structureCount, memberEnergies.dtype);
        return CommitteeVariance.OverMembers(memberEnergies / counts.unsqueeze(0), Estimator);
    }
}
