using System.Globalization;
using ScottPlot;

namespace AdversarialSampling.Samples.Shared;

/// <summary>A logarithmic left axis for plots that draw log10 of their values (ScottPlot has no log scale of its own).</summary>
internal static class LogAxis
{
    /// <summary>Labels the left axis of a plot whose y values are log10(v) with v itself, at integer powers of ten with log minor ticks.</summary>
    /// <param name="plot">The plot.</param>
    public static void Apply(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
        };
    }
}
