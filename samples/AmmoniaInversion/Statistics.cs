namespace AdversarialSampling.Samples.Ammonia;

/// <summary>Small statistics helpers (NaN for no values).</summary>
public static class Statistics
{
    /// <summary>The median (mean of the two middle values for an even count).</summary>
    /// <param name="values">Values (NaN ignored).</param>
    /// <returns>The median, or NaN.</returns>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
    }
}
