using AdversarialSampling.Selection;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>Median and quartiles as numpy computes them (linear interpolation), NaN-aware.</summary>
public static class Statistics
{
    /// <summary>Median of the finite values; NaN when there are none.</summary>
    /// <param name="values">Values.</param>
    /// <returns>The median.</returns>
    public static double Median(IEnumerable<double> values) => Quantile(values, 50);

    /// <summary>The 25th and 75th percentiles of the finite values; NaN when there are none.</summary>
    /// <param name="values">Values.</param>
    /// <returns>(q1, q3).</returns>
    public static (double Q1, double Q3) Quartiles(IEnumerable<double> values)
    {
        var list = values.ToList();
        return (Quantile(list, 25), Quantile(list, 75));
    }

    /// <summary>A percentile of the finite values; NaN when there are none.</summary>
    /// <param name="values">Values.</param>
    /// <param name="percent">Percentile in [0, 100].</param>
    /// <returns>The percentile.</returns>
    public static double Quantile(IEnumerable<double> values, double percent)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : Percentile.Linear(finite, percent);
    }
}
