using AdversarialSampling.Committees;
using static TorchSharp.torch;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// The paper's default uncertainty: u_F = mean over atoms i and Cartesian components c of Var_m[F_m,i,c]
/// (eV²/Å²). The variance over the M members is unbiased (divides by M − 1) by default, as in the reference
/// code; <see cref="VarianceEstimator.Population"/> divides by M.
/// </summary>
/// <param name="estimator">Variance estimator; default unbiased (M − 1).</param>
public sealed class ForceVariance(VarianceEstimator estimator = VarianceEstimator.Unbiased) : CommitteeVarianceMetric(estimator)
{
    /// <inheritdoc />
    public override string Name => "ForceVariance";

    /// <summary>eV²/Å².</summary>
    public override UncertaintyUnit Unit => UncertaintyUnit.ForceVariance;

    /// <summary>u_F of one structure (eV²/Å²).</summary>
    /// <param name="prediction">Per-member predictions (at least one atom).</param>
    /// <returns>Mean over the 3N components of the member variance.</returns>
    /// <exception cref="ArgumentException">No atoms, or too few members for the estimator.</exception>
    public override double Evaluate(StructurePrediction prediction)
    {
        CommitteeVariance.RequireAtoms(prediction, Name);
        return CommitteeVariance.ForceComponents(prediction, Estimator).Average();
    }

    /// <summary>Per-atom force variance (eV²/Å², length N): mean over x, y, z of the member variance; its mean is <see cref="Evaluate(StructurePrediction)"/>.</summary>
    /// <param name="prediction">Per-member predictions.</param>
    /// <returns>N values (eV²/Å²).</returns>
    public double[] PerAtom(StructurePrediction prediction) => CommitteeVariance.PerAtomForce(prediction, Estimator);

    /// <summary>
    /// The member variance of each free force component (eV²/Å²), in flat row-major order with the frozen components left
    /// out; every component when all are frozen. The values <see cref="Selection.SelectionOptions.PerComponentForceThreshold"/>
    /// compares with its threshold.
    /// </summary>
    /// <param name="prediction">Per-member predictions of one structure (N atoms).</param>
    /// <param name="frozenMask">The structure's frozen mask (length 3N, true = frozen; <see cref="Structures.AtomicStructure.FrozenMask"/>).</param>
    /// <returns>One variance per free component (eV²/Å²).</returns>
    /// <exception cref="ArgumentException">No atoms, too few members for the estimator, or a mask of another length than 3N.</exception>
    public double[] FreeComponents(StructurePrediction prediction, IReadOnlyList<bool> frozenMask)
    {
        ArgumentNullException.ThrowIfNull(frozenMask);
        CommitteeVariance.RequireAtoms(prediction, Name);
        var all = CommitteeVariance.ForceComponents(prediction, Estimator);
        if (frozenMask.Count != all.Length)
        {
            throw new ArgumentException($"The frozen mask has {frozenMask.Count} entries but the prediction has {all.Length} force components (3N).", nameof(frozenMask));
        }

        double[] free = [.. all.Where((_, k) => !frozenMask[k])];
        return free.Length == 0 ? all : free;
    }

    /// <summary>Per-atom force variance as a tensor, [M, A, 3] → [A] (eV²/Å², differentiable).</summary>
    /// <param name="memberForces">Member forces [M, A, 3] (eV/Å).</param>
    /// <returns>[A]; the caller owns it.</returns>
    public Tensor PerAtom(Tensor memberForces)
    {
        ArgumentNullException.ThrowIfNull(memberForces);
        return CommitteeVariance.PerAtomForce(memberForces, Estimator);
    }

    /// <inheritdoc />
    protected override Tensor EvaluateTensor(Tensor memberEnergies, Tensor memberForces, Tensor structureIndex, int structureCount)
        => CommitteeVariance.SegmentMean(CommitteeVariance.PerAtomForce(memberForces, Estimator), structureIndex, structureCount);
}
