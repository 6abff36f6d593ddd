using AdversarialSampling.Committees;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling;

/// <summary>
/// Turns committee predictions of one structure into a scalar uncertainty (larger = less certain), in a
/// stated unit: force variances in eV²/Å², energy variances in eV² (or (eV/atom)²).
/// </summary>
public interface IUncertaintyMetric
{
    /// <summary>A short name (e.g. "ForceVariance").</summary>
    string Name { get; }

    /// <summary>The unit of <see cref="Evaluate"/>'s value.</summary>
    UncertaintyUnit Unit { get; }

    /// <summary>The uncertainty of one structure from its committee predictions.</summary>
    /// <param name="prediction">Per-member predictions of one structure.</param>
    /// <returns>The uncertainty in <see cref="Unit"/>.</returns>
    double Evaluate(StructurePrediction prediction);
}
