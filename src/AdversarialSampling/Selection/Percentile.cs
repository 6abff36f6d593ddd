using System.Globalization;
using MathNet.Numerics.Statistics;

namespace AdversarialSampling.Selection;

/// <summary>Percentiles as numpy computes them by default.</summary>
public static class Percentile
{
    /// <summary>
    /// The <paramref name="percent"/>-th percentile with linear interpolation between order statistics, exactly
    /// numpy's default <c>np.percentile(values, percent)</c> (Hyndman–Fan type 7, MathNet's
    /// <c>QuantileDefinition.R7</c>; MathNet's own <c>Percentile</c> uses another definition).
    /// </summary>
    /// <param name="values">The values (at least one, all finite).</param>
    /// <param name="percent">Percentile in [0, 100], e.g. 80.</param>
    /// <returns>The percentile, in the unit of the values.</returns>
    /// <exception cref="ArgumentException">No values, or a non-finite value (named by index).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> outside [0, 100].</exception>
    public static double Linear(IReadOnlyList<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(percent >= 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "Percentile must be in [0, 100].");
        }

        if (values.Count == 0)
        {
            throw new ArgumentException("Cannot take a percentile of no values.", nameof(values));
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Value {i.ToString(CultureInfo.InvariantCulture)} is not finite: {values[i].ToString(CultureInfo.InvariantCulture)}.", nameof(values));
            }
        }

        return Statistics.QuantileCustom(values, percent / 100.0, QuantileDefinition.R7);
    }
}
