using System.Globalization;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// An uncertainty threshold with its unit, so a threshold given for one metric cannot silently be applied to
/// another: consumers call <see cref="EnsureUnit"/> (the selector does) and a mismatch throws naming both units.
/// Create it with <see cref="ForceVariance"/>, <see cref="EnergyVariance"/>, <see cref="EnergyPerAtomVariance"/>
/// or <c>metric.Threshold(value)</c>.
/// </summary>
/// <param name="Value">The threshold value in <paramref name="Unit"/>; must not be NaN (−∞ disables a lower threshold).</param>
/// <param name="Unit">The unit of <paramref name="Value"/>.</param>
public readonly record struct UncertaintyThreshold(double Value, UncertaintyUnit Unit)
{
    /// <summary>A force-variance threshold.</summary>
    /// <param name="evSquaredPerAngstromSquared">Value in eV²/Å².</param>
    /// <returns>The threshold.</returns>
    public static UncertaintyThreshold ForceVariance(double evSquaredPerAngstromSquared)
        => new(evSquaredPerAngstromSquared, UncertaintyUnit.ForceVariance);

    /// <summary>A total-energy variance threshold.</summary>
    /// <param name="evSquared">Value in eV².</param>
    /// <returns>The threshold.</returns>
    public static UncertaintyThreshold EnergyVariance(double evSquared)
        => new(evSquared, UncertaintyUnit.EnergyVariance);

    /// <summary>A per-atom energy variance threshold.</summary>
    /// <param name="evPerAtomSquared">Value in (eV/atom)².</param>
    /// <returns>The threshold.</returns>
    public static UncertaintyThreshold EnergyPerAtomVariance(double evPerAtomSquared)
        => new(evPerAtomSquared, UncertaintyUnit.EnergyPerAtomVariance);

    /// <summary>
    /// Throws unless this threshold is in <paramref name="expected"/> and its value is not NaN.
    /// </summary>
    /// <param name="expected">The unit of the values the threshold is compared with (the metric's unit).</param>
    /// <param name="metricName">Name of the metric, for the message (optional).</param>
    /// <exception cref="ArgumentException">Wrong unit (both units named) or NaN value.</exception>
    public void EnsureUnit(UncertaintyUnit expected, string? metricName = null)
    {
        string who = metricName is null ? "the uncertainty values" : $"values of the metric '{metricName}'";
        if (Unit != expected)
        {
            throw new ArgumentException(
                $"Uncertainty threshold {Value.ToString("G6", CultureInfo.InvariantCulture)} is in {Unit.Describe()}, but {who} are in {expected.Describe()}; give the threshold in {expected.Symbol()}.");
        }

        if (double.IsNaN(Value))
        {
            throw new ArgumentException($"Uncertainty threshold is NaN ({Unit.Symbol()}).");
        }
    }

    /// <summary>The value with its unit, e.g. "0.05 eV²/Å²".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Value.ToString("G6", CultureInfo.InvariantCulture)} {Unit.Symbol()}";
}
