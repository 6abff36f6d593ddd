using System.Globalization;
using ScottPlot;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>The comparison's PNG figures (ScottPlot, headless).</summary>
public static class Plots
{
    /// <summary>Energies above this (kcal/mol) are drawn at it in the label-energy figure.</summary>
    public const double EnergyClip = 60;

    private static readonly Color[] Palette = [Color.FromHex("#e6194b"), Color.FromHex("#4363d8"), Color.FromHex("#3cb44b"), Color.FromHex("#f58231")];

    /// <summary>
    /// Committee barrier error (kcal/mol) against labels used: one thin line per seed, the median per generation bold; the
    /// grey band is ±0.5 kcal/mol.
    /// </summary>
    /// <param name="path">PNG path.</param>
    /// <param name="loops">Loops.</param>
    /// <param name="xtb">xtb barrier (kcal/mol).</param>
    public static void BarrierError(string path, IReadOnlyList<LoopMetrics> loops, double xtb)
    {
        ArgumentNullException.ThrowIfNull(loops);
        var plot = new Plot();
        double right = Math.Max(1, loops.SelectMany(l => l.Generations).Max(g => g.Labels));
        var band = plot.Add.FillY(new double[] { 0, right }, new double[] { -Results.BarrierTolerance, -Results.BarrierTolerance }, new double[] { Results.BarrierTolerance, Results.BarrierTolerance });
        band.FillColor = Colors.Gray.WithAlpha(0.2);
        band.LineColor = Colors.Transparent;
        PerMethod(plot, loops, g => g.Committee.BarrierKcalPerMol - xtb, solid: true, suffix: string.Empty);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"NH3 inversion barrier error vs xtb ({xtb:F3} kcal/mol)"));
        plot.XLabel("labels used (beyond the initial set)");
        plot.YLabel("committee − xtb barrier (kcal/mol)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 860, 560);
    }

    /// <summary>Fraction of stable NN-MD trajectories against labels used: 0.5 fs solid, 1 fs dashed (median over seeds).</summary>
    /// <param name="path">PNG path.</param>
    /// <param name="loops">Loops.</param>
    public static void Stability(string path, IReadOnlyList<LoopMetrics> loops)
    {
        ArgumentNullException.ThrowIfNull(loops);
        var plot = new Plot();
        PerMethod(plot, loops, g => g.Committee.StableFraction, solid: true, suffix: " 0.5 fs", seedLines: false);
        PerMethod(plot, loops, g => g.Committee.StableFraction1Fs, solid: false, suffix: " 1 fs", seedLines: false);
        var line = plot.Add.HorizontalLine(Results.StableRequired);
        line.LineColor = Colors.Black.WithAlpha(0.5);
        line.LinePattern = LinePattern.Dotted;
        plot.Axes.SetLimitsY(-0.02, 1.02);
        plot.Title("NN-MD stability (NVE, 5 ps, 1500 K start at the minimum)");
        plot.XLabel("labels used (beyond the initial set)");
        plot.YLabel("stable fraction (median over seeds)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 860, 560);
    }

    /// <summary>xtb energies (above the minimum) of the geometries each method labelled, per generation, every seed; the dashed
    /// line is the xtb barrier, the dotted one the initial window. Values above <see cref="EnergyClip"/> are drawn at it.</summary>
    /// <param name="path">PNG path.</param>
    /// <param name="loops">Loops.</param>
    /// <param name="xtb">xtb barrier (kcal/mol).</param>
    /// <param name="window">Initial window (kcal/mol).</param>
    public static void LabelEnergies(string path, IReadOnlyList<LoopMetrics> loops, double xtb, double window)
    {
        ArgumentNullException.ThrowIfNull(loops);
        var plot = new Plot();
        var rng = new Random(0);
        var methods = MethodKeys.All.Where(m => loops.Any(l => l.Method == m)).ToList();
        for (int m = 0; m < methods.Count; m++)
        {
            var points = loops.Where(l => l.Method == methods[m]).SelectMany(l => l.Generations)
                .SelectMany(g => g.NewLabelEnergiesKcalPerMol.Select(e => (X: g.Generation + ((m - ((methods.Count - 1) / 2.0)) * 0.25) + ((rng.NextDouble() - 0.5) * 0.18), Y: Math.Min(e, EnergyClip))))
                .ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var markers = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), MarkerShape.FilledCircle, 4, Palette[m % Palette.Length].WithAlpha(0.6));
            markers.LegendText = methods[m];
        }

        var barrier = plot.Add.HorizontalLine(xtb);
        barrier.LinePattern = LinePattern.Dashed;
        barrier.LineColor = Colors.Black;
        barrier.LegendText = "xtb barrier";
        var top = plot.Add.HorizontalLine(window);
        top.LinePattern = LinePattern.Dotted;
        top.LineColor = Colors.Gray;
        top.LegendText = "initial window";
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Energies of the labelled geometries (values > {EnergyClip:F0} drawn at {EnergyClip:F0})"));
        plot.XLabel("generation");
        plot.YLabel("xtb energy above the minimum (kcal/mol)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 860, 560);
    }

    private static void PerMethod(Plot plot, IReadOnlyList<LoopMetrics> loops, Func<GenerationMetrics, double> value, bool solid, string suffix, bool seedLines = true)
    {
        var methods = MethodKeys.All.Where(m => loops.Any(l => l.Method == m)).ToList();
        for (int m = 0; m < methods.Count; m++)
        {
            var color = Palette[m % Palette.Length];
            var mine = loops.Where(l => l.Method == methods[m]).ToList();
            if (seedLines)
            {
                foreach (var loop in mine)
                {
                    var g = loop.Generations.OrderBy(r => r.Generation).Where(r => double.IsFinite(value(r))).ToArray();
                    var thin = plot.Add.Scatter(g.Select(r => (double)r.Labels).ToArray(), g.Select(value).ToArray(), color.WithAlpha(0.3));
                    thin.LineWidth = 1;
                    thin.MarkerSize = 3;
                }
            }

            var medians = mine.SelectMany(l => l.Generations).GroupBy(r => r.Generation).OrderBy(g => g.Key)
                .Select(g => (X: Statistics.Median(g.Select(r => (double)r.Labels)), Y: Statistics.Median(g.Select(value)))).Where(p => double.IsFinite(p.Y)).ToArray();
            var bold = plot.Add.Scatter(medians.Select(p => p.X).ToArray(), medians.Select(p => p.Y).ToArray(), color);
            bold.LineWidth = 2.5f;
            bold.MarkerSize = 7;
            bold.LinePattern = solid ? LinePattern.Solid : LinePattern.Dashed;
            bold.LegendText = methods[m] + suffix;
        }
    }
}
