using AdversarialSampling.Committees;
using static TorchSharp.torch;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// Base of the committee-variance metrics: holds the <see cref="VarianceEstimator"/> (unbiased, M − 1, by
/// default, as in the reference code) and pairs a plain and a tensor implementation of the same quantity.
/// </summary>
public abstract class CommitteeVarianceMetric : IDifferentiableUncertaintyMetric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="estimator">Variance estimator; default unbiased (M − 1, needs M ≥ 2).</param>
    protected CommitteeVarianceMetric(VarianceEstimator estimator)
    {
        if (!Enum.IsDefined(estimator))
        {
            throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "Unknown variance estimator.");
        }

        Estimator = estimator;
    }

    /// <summary>The variance estimator over members (default <see cref="VarianceEstimator.Unbiased"/>).</summary>
    public VarianceEstimator Estimator { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract UncertaintyUnit Unit { get; }

    /// <inheritdoc />
    public abstract double Evaluate(StructurePrediction prediction);

    /// <inheritdoc />
    public Tensor Evaluate(Tensor memberEnergies, Tensor memberForces, Tensor structureIndex, int structureCount)
    {
        CommitteeVariance.ValidateTensors(memberEnergies, memberForces, structureIndex, structureCount);
        return EvaluateTensor(memberEnergies, memberForces, structureIndex, structureCount);
    }

    /// <summary>Name, estimator and unit, e.g. "ForceVariance (Unbiased, eV²/Å²)".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} ({Estimator}, {Unit.Symbol()})";

    /// <summary>The tensor implementation, called after the shapes were validated.</summary>
    /// <param name="memberEnergies">Member energies [M, B] (eV).</param>
    /// <param name="memberForces">Member forces [M, A, 3] (eV/Å).</param>
    /// <param name="structureIndex">Structure of each atom, [A], int64.</param>
    /// <param name="structureCount">Number of structures B.</param>
    /// <returns>Uncertainty [B].</returns>
    protected abstract Tensor EvaluateTensor(Tensor memberEnergies, Tensor memberForces, Tensor structureIndex, int structureCount);
}
