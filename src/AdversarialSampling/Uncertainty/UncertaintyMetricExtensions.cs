using System.Collections.Immutable;
using AdversarialSampling.Committees;

namespace AdversarialSampling.Uncertainty;

/// <summary>Batch helpers for any <see cref="IUncertaintyMetric"/>.</summary>
public static class UncertaintyMetricExtensions
{
    /// <summary>The uncertainty of every structure of a batch prediction, in input order.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="predictions">The committee predictions.</param>
    /// <returns>One value per structure, in <see cref="IUncertaintyMetric.Unit"/>.</returns>
    public static ImmutableArray<double> EvaluateAll(this IUncertaintyMetric metric, CommitteePrediction predictions)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(predictions);
        return [.. predictions.Structures.Select(metric.Evaluate)];
    }

    /// <summary>A threshold in the metric's unit, e.g. <c>new ForceVariance().Threshold(0.05)</c>.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="value">The value in the metric's unit.</param>
    /// <returns>The threshold.</returns>
    public static UncertaintyThreshold Threshold(this IUncertaintyMetric metric, double value)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new UncertaintyThreshold(value, metric.Unit);
    }
}
