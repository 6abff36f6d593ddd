using System.Globalization;
using ScottPlot;
using Well = AdversarialSampling.Potentials.DoubleWell1D;

namespace AdversarialSampling.Samples.OneDimension;

/// <summary>The 1D comparison's PNG figures (ScottPlot, rendered headless through SkiaSharp).</summary>
public static class Plots1D
{
    /// <summary>Lowest and highest energy shown (eV); curves and labels beyond are clipped to the frame.</summary>
    private const double EnergyMin = -8, EnergyMax = 6;

    private static readonly Color[] Palette =
    [
        Color.FromHex("#e6194b"), Color.FromHex("#f58231"), Color.FromHex("#3cb44b"), Color.FromHex("#4363d8"),
        Color.FromHex("#911eb4"), Color.FromHex("#f032e6"), Color.FromHex("#808000"), Color.FromHex("#000000"),
    ];

    /// <summary>
    /// One panel per method (loop 0): the true curve, the committee-mean energy after the last generation, and the labels
    /// of every generation at their true energy, coloured by generation.
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="loops">Loop 0 of each method, in panel order.</param>
    public static void Curves(string path, IReadOnlyList<LoopRecord> loops)
    {
        ArgumentNullException.ThrowIfNull(loops);
        if (loops.Count == 0)
        {
            return;
        }

        int columns = Math.Min(2, loops.Count);
        int rows = (loops.Count + columns - 1) / columns;
        var figure = new Multiplot();
        figure.AddPlots(loops.Count);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        double[] xs = [.. Comparison1D.Grid];
        for (int p = 0; p < loops.Count; p++)
        {
            var plot = figure.GetPlot(p);
            var truth = plot.Add.ScatterLine(xs, [.. xs.Select(Well.Energy)], Colors.Black);
            truth.LegendText = "true E";
            truth.LineWidth = 2;
            var last = loops[p].Generations[^1];
            var fit = plot.Add.ScatterLine(xs, [.. last.Predicted.Select(e => Math.Clamp(e, EnergyMin, EnergyMax))], Colors.Gray);
            fit.LegendText = string.Create(CultureInfo.InvariantCulture, $"committee, gen {last.Generation}");
            fit.LinePattern = LinePattern.Dashed;
            foreach (var group in loops[p].Labels.GroupBy(l => l.Generation).OrderBy(g => g.Key))
            {
                double[] x = [.. group.Select(l => Math.Clamp(l.X, -Well.TrainingRange - 0.1, Well.TrainingRange + 0.1))];
                double[] e = [.. group.Select(l => Math.Clamp(l.Energy, EnergyMin, EnergyMax))];
                var markers = plot.Add.Markers(
                    x,
                    e,
                    MarkerShape.FilledCircle,
                    7,
                    Palette[(group.Key - 1) % Palette.Length]);
                markers.LegendText = string.Create(CultureInfo.InvariantCulture, $"gen {group.Key}");
            }

            plot.Title(string.Create(CultureInfo.InvariantCulture, $"{loops[p].Method} (seed {loops[p].Seed})"));
            plot.XLabel("x (Å)");
            plot.YLabel("E (eV)");
            plot.Axes.SetLimits(-Well.TrainingRange - 0.1, Well.TrainingRange + 0.1, EnergyMin, EnergyMax);
            plot.ShowLegend(Alignment.UpperCenter);
        }

        figure.SavePng(path, 560 * columns, 420 * rows);
    }

    /// <summary>Median energy RMSE on the E ≤ 1 region against median labels used, per method (log RMSE axis).</summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="methods">Methods, in legend order.</param>
    /// <param name="loops">Every loop.</param>
    public static void RmseVersusLabels(string path, IReadOnlyList<string> methods, IReadOnlyList<LoopRecord> loops)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(loops);
        var plot = new Plot();
        for (int m = 0; m < methods.Count; m++)
        {
            var mine = loops.Where(l => l.Method == methods[m]).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            int generations = mine.Min(l => l.Generations.Count);
            var xs = Enumerable.Range(0, generations).Select(g => Median(mine.Select(l => (double)l.Generations[g].Labels))).ToArray();
            var ys = Enumerable.Range(0, generations).Select(g => Math.Log10(Median(mine.Select(l => l.Generations[g].EnergyRmseLow)))).ToArray();
            var line = plot.Add.Scatter(xs, ys, Palette[m % Palette.Length]);
            line.LegendText = methods[m];
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        Shared.LogAxis.Apply(plot);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"1D double well: energy RMSE on E ≤ 1 (median of {loops.Select(l => l.Seed).Distinct().Count()} loops)"));
        plot.XLabel("labels used");
        plot.YLabel("energy RMSE, E ≤ 1 (eV)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 560);
    }

    private static double Median(IEnumerable<double> values) => Comparison1D.Median(values) ?? double.NaN;
}
