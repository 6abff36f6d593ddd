using AdversarialSampling.Samples.Shared;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>Collects the loops under an output directory and writes results.json and the PNG plots.</summary>
public static class ComparisonReport
{
    /// <summary>Every loop's metrics found under <c>DIR/runs/*/loop-*/metrics.json</c>.</summary>
    /// <param name="outDirectory">The output directory.</param>
    /// <returns>The loops, by method then loop.</returns>
    public static IReadOnlyList<LoopMetrics> Collect(string outDirectory)
    {
        string runs = Path.Combine(outDirectory, "runs");
        if (!Directory.Exists(runs))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(runs, "metrics.json", SearchOption.AllDirectories)
            .Select(LoopMetrics.Read)
            .OrderBy(m => MethodKeys.All.ToList().IndexOf(m.Method))
            .ThenBy(m => m.Loop)];
    }

    /// <summary>Writes results.json and the plots for the given loops.</summary>
    /// <param name="outDirectory">Where to write.</param>
    /// <param name="loops">The loops.</param>
    /// <param name="settings">Settings recorded in results.json.</param>
    /// <returns>The results document.</returns>
    public static JsonObject Write(string outDirectory, IReadOnlyList<LoopMetrics> loops, JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(loops);
        var records = loops.SelectMany(l => l.Generations).ToList();
        int loopCount = loops.GroupBy(l => l.Method).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        double wall = BusySeconds(loops);
        var document = ComparisonResults.Build(records, loopCount, wall, settings);
        document["computeSeconds"] = Math.Round(loops.Sum(l => (l.EndedUtc - l.StartedUtc).TotalSeconds), 1);
        Directory.CreateDirectory(outDirectory);
        ComparisonResults.Write(Path.Combine(outDirectory, "results.json"), document);
        File.WriteAllText(Path.Combine(outDirectory, "tables.md"), ComparisonMarkdown.Tables(document));
        if (records.Count > 0)
        {
            WritePlots(outDirectory, loops, records);
        }

        return document;
    }

    /// <summary>
    /// Wall time of a run, also when several processes shared it or a later run reused finished loops: the length of the
    /// union of the loops' [start, end] intervals (seconds during which at least one loop was running).
    /// </summary>
    /// <param name="loops">The loops.</param>
    /// <returns>Seconds.</returns>
    public static double BusySeconds(IEnumerable<LoopMetrics> loops)
    {
        ArgumentNullException.ThrowIfNull(loops);
        return SampleHost.BusySeconds(loops.Select(l => (l.StartedUtc, l.EndedUtc)));
    }

    private static void WritePlots(string outDirectory, IReadOnlyList<LoopMetrics> loops, IReadOnlyList<GenerationMetrics> records)
    {
        var first = loops.GroupBy(l => l.Method).Select(g => g.OrderBy(l => l.Loop).First()).ToList();
        Plots.Surface(
            Path.Combine(outDirectory, "surface.png"),
            [.. first.Select(l => (l.Method, (IReadOnlyList<IReadOnlyList<double>>)[.. l.Generations.Where(g => g.Generation > 0).Select(g => (IReadOnlyList<double>)g.NewLabelPoints)]))],
            string.Create(CultureInfo.InvariantCulture, $"loop {first[0].Loop}, seed {first[0].Seed}"));
        int n = records.Select(r => r.Loop).Distinct().Count();
        void Curve(string file, Func<GridErrors, double> pick, string yLabel, string what)
        {
            var curves = records.GroupBy(r => r.Method).Select(m => (m.Key, (IReadOnlyList<(double, double, double, double)>)[.. m.GroupBy(r => r.Generation).OrderBy(g => g.Key).Select(g =>
            {
                var values = g.Select(r => pick(r.Errors)).ToList();
                var (q1, q3) = Statistics.Quartiles(values);
                return (Statistics.Median(g.Select(r => (double)r.LabelsSoFar.Count)), Statistics.Median(values), q1, q3);
            })])).ToList();
            Plots.RmseVersusLabels(Path.Combine(outDirectory, file), curves, yLabel, string.Create(CultureInfo.InvariantCulture, $"{what}: median and IQR over {n} loop(s)"));
        }

        Curve("rmse-energy-low.png", e => e.EnergyRmseLow, "energy RMSE, true E ≤ 1 (eV)", "Energy RMSE on E ≤ 1");
        Curve("rmse-energy-grid.png", e => e.EnergyRmseGrid, "energy RMSE, whole grid (eV)", "Energy RMSE on the 100×100 grid");
        Curve("rmse-force-low.png", e => e.ForceRmseLow, "force RMSE, true E ≤ 1 (eV/Å)", "Force RMSE on E ≤ 1");
    }
}
