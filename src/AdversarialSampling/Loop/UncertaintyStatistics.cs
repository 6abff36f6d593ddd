using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Loop;

/// <summary>
/// Uncertainty figures of a generation, all in <see cref="Unit"/> (the loop's metric, e.g. eV²/Å² for force variance).
/// Null values: not applicable (generation 0 has no candidates; a stopped generation has no evaluation).
/// </summary>
public sealed record UncertaintyStatistics
{
    /// <summary>The metric's name (e.g. "ForceVariance").</summary>
    public required string Metric { get; init; }

    /// <summary>The unit of every value.</summary>
    public required UncertaintyUnit Unit { get; init; }

    /// <summary>The selection threshold used this generation (the previous committee's training-set percentile, or the explicit threshold).</summary>
    public double? Threshold { get; init; }

    /// <summary>Where the threshold came from, e.g. "80th percentile of 70 training values (committee of generation 0)".</summary>
    public string? ThresholdSource { get; init; }

    /// <summary>Median uncertainty of the seeds under the previous committee.</summary>
    public double? SeedsMedian { get; init; }

    /// <summary>Median uncertainty of the candidates under the previous committee.</summary>
    public double? CandidatesMedian { get; init; }

    /// <summary>Largest candidate uncertainty under the previous committee.</summary>
    public double? CandidatesMax { get; init; }

    /// <summary>Median uncertainty of the accepted candidates.</summary>
    public double? AcceptedMedian { get; init; }

    /// <summary>Median uncertainty of the training split under this generation's committee.</summary>
    public double? TrainingMedian { get; init; }

    /// <summary>The threshold the next generation will use (this committee's training-set percentile, or the explicit threshold).</summary>
    public double? NextThreshold { get; init; }
}
