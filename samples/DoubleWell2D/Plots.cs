using System.Globalization;
using ScottPlot;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>The comparison's PNG figures (ScottPlot, rendered headless through SkiaSharp).</summary>
public static class Plots
{
    /// <summary>Highest energy shown by the surface colour scale (eV); higher values are drawn at this colour.</summary>
    public const double SurfaceCeiling = 6;

    private static readonly Color[] Palette =
    [
        Color.FromHex("#e6194b"), Color.FromHex("#f58231"), Color.FromHex("#9a6324"), Color.FromHex("#3cb44b"),
        Color.FromHex("#000075"), Color.FromHex("#4363d8"), Color.FromHex("#f032e6"), Color.FromHex("#808000"),
        Color.FromHex("#a9a9a9"), Color.FromHex("#000000"),
    ];

    /// <summary>
    /// One panel per method: the true surface (colour, clipped at <see cref="SurfaceCeiling"/>, with contour lines)
    /// and the points each generation labelled in one loop, coloured by generation; the dashed square is [−1.2, 1.2]².
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="points">Per method (in panel order): per generation (1, 2, ...) the labelled points, flat [x0, y0, x1, y1, ...].</param>
    /// <param name="title">Figure title suffix (e.g. "loop 0").</param>
    public static void Surface(string path, IReadOnlyList<(string Method, IReadOnlyList<IReadOnlyList<double>> Generations)> points, string title)
    {
        ArgumentNullException.ThrowIfNull(points);
        int columns = Math.Min(3, Math.Max(1, points.Count));
        int rows = (points.Count + columns - 1) / columns;
        var figure = new Multiplot();
        figure.AddPlots(points.Count);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        double reach = Math.Max(1.3, points.SelectMany(p => p.Generations.SelectMany(g => g)).Select(Math.Abs).DefaultIfEmpty(0).Max() + 0.05);
        reach = Math.Min(reach, 2.5);
        for (int p = 0; p < points.Count; p++)
        {
            var plot = figure.GetPlot(p);
            AddSurface(plot, reach);
            var generations = points[p].Generations;
            for (int g = 0; g < generations.Count; g++)
            {
                var flat = generations[g];
                var xs = Enumerable.Range(0, flat.Count / 2).Select(i => Math.Clamp(flat[2 * i], -reach, reach)).ToArray();
                var ys = Enumerable.Range(0, flat.Count / 2).Select(i => Math.Clamp(flat[(2 * i) + 1], -reach, reach)).ToArray();
                var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 6, Palette[g % Palette.Length]);
                markers.LegendText = string.Create(CultureInfo.InvariantCulture, $"gen {g + 1}");
                markers.MarkerLineColor = Colors.Black;
                markers.MarkerLineWidth = 0.5f;
            }

            plot.Title(string.Create(CultureInfo.InvariantCulture, $"{points[p].Method} ({title})"));
            plot.XLabel("x (Å)");
            plot.YLabel("y (Å)");
            plot.Axes.SetLimits(-reach, reach, -reach, reach);
            plot.ShowLegend(Alignment.LowerRight);
        }

        figure.SavePng(path, 520 * columns, 480 * rows);
    }

    /// <summary>
    /// Energy RMSE on the E ≤ 1 region against labels used, per method: the median over loops (line) and the
    /// interquartile range (band), on a logarithmic RMSE axis.
    /// </summary>
    /// <param name="path">PNG file to write.</param>
    /// <param name="curves">Per method: per generation (labels median, RMSE median, q1, q3).</param>
    /// <param name="yLabel">Y-axis label.</param>
    /// <param name="title">Title.</param>
    public static void RmseVersusLabels(string path, IReadOnlyList<(string Method, IReadOnlyList<(double Labels, double Median, double Q1, double Q3)> Points)> curves, string yLabel, string title)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = new Plot();
        for (int c = 0; c < curves.Count; c++)
        {
            var pts = curves[c].Points.Where(p => p.Median > 0 && p.Q1 > 0 && p.Q3 > 0).ToArray();
            if (pts.Length == 0)
            {
                continue;
            }

            var color = Palette[c % Palette.Length];
            var xs = pts.Select(p => p.Labels).ToArray();
            var band = plot.Add.FillY(xs, [.. pts.Select(p => Math.Log10(p.Q1))], [.. pts.Select(p => Math.Log10(p.Q3))]);
            band.FillColor = color.WithAlpha(0.2);
            band.LineColor = Colors.Transparent;
            var line = plot.Add.Scatter(xs, pts.Select(p => Math.Log10(p.Median)).ToArray(), color);
            line.LegendText = curves[c].Method;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        Shared.LogAxis.Apply(plot);
        plot.Title(title);
        plot.XLabel("labels used");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 560);
    }

    private static void AddSurface(Plot plot, double reach)
    {
        const int n = 160;
        var intensities = new double[n, n];
        var coordinates = new Coordinates3d[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double x = -reach + (2 * reach * j / (n - 1)), y = reach - (2 * reach * i / (n - 1));
                double e = Math.Min(Potentials.DoubleWell2D.Energy(x, y), SurfaceCeiling);
                intensities[i, j] = e;
                coordinates[i, j] = new Coordinates3d(x, y, e);
            }
        }

        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Extent = new CoordinateRect(-reach, reach, -reach, reach);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Opacity = 0.8;
        var contours = plot.Add.ContourLines(coordinates, 14);
        contours.LabelStyle.IsVisible = false;
        contours.LineColor = Colors.Black.WithAlpha(0.35);
        double box = Potentials.DoubleWell2D.TrainingRange;
        var square = plot.Add.Rectangle(-box, box, -box, box);
        square.FillColor = Colors.Transparent;
        square.LineColor = Colors.Black;
        square.LinePattern = LinePattern.Dashed;
    }
}
