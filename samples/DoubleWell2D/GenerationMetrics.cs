using System.Collections.Immutable;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>The measurements of one loop after one generation (generation 0 = the committee trained on the initial data).</summary>
public sealed record GenerationMetrics
{
    /// <summary>Method key, e.g. "adversarialPaper".</summary>
    public required string Method { get; init; }

    /// <summary>Loop index (0-based; loops with the same index share their seed across methods).</summary>
    public required int Loop { get; init; }

    /// <summary>The loop's random seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Generation (0 = before any label).</summary>
    public required int Generation { get; init; }

    /// <summary>The grid errors of the committee trained at the end of this generation.</summary>
    public required GridErrors Errors { get; init; }

    /// <summary>Every label acquired up to and including this generation (not the initial data).</summary>
    public required LabelStatistics LabelsSoFar { get; init; }

    /// <summary>Labels acquired in this generation.</summary>
    public int NewLabels { get; init; }

    /// <summary>x, y (Å) of the labels acquired in this generation, flat [x0, y0, x1, y1, ...].</summary>
    public ImmutableArray<double> NewLabelPoints { get; init; } = [];

    /// <summary>Seconds since the loop started when this generation ended.</summary>
    public double Seconds { get; init; }
}
