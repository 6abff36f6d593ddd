using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>
/// Builds results.json from the per-loop, per-generation measurements: for every method and generation the
/// median and interquartile range over loops of the grid errors, the labels used, the mean true label energy,
/// the loops whose labels reached the right-hand basin; a per-seed table per method; the paired
/// Paper-preset versus random-displacement ratios; and the acceptance checks.
/// </summary>
public static class ComparisonResults
{
    /// <summary>JSON options of results.json (indented).</summary>
    public static JsonSerializerOptions JsonOptions => AdversarialSampling.Samples.Shared.SampleHost.JsonOptions;

    /// <summary>Builds the document.</summary>
    /// <param name="records">Every loop's every generation.</param>
    /// <param name="loops">Loops per method.</param>
    /// <param name="wallSeconds">Wall time of the whole run (s; see <see cref="ComparisonReport.BusySeconds"/>).</param>
    /// <param name="settings">The run's settings (copied under "settings").</param>
    /// <returns>The document.</returns>
    public static JsonObject Build(IReadOnlyList<GenerationMetrics> records, int loops, double wallSeconds, JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(records);
        var methods = new JsonObject();
        foreach (var method in records.Select(r => r.Method).Distinct().OrderBy(m => Order(m)))
        {
            var mine = records.Where(r => r.Method == method).ToList();
            methods[method] = new JsonObject
            {
                ["generations"] = new JsonArray([.. mine.GroupBy(r => r.Generation).OrderBy(g => g.Key).Select(g => (JsonNode)Summary(g.Key, [.. g]))]),
                ["perSeed"] = new JsonArray([.. mine.GroupBy(r => r.Loop).OrderBy(g => g.Key).Select(g => (JsonNode)PerSeed([.. g.OrderBy(r => r.Generation)]))]),
            };
        }

        return new JsonObject
        {
            ["loops"] = loops,
            ["wallSeconds"] = Math.Round(wallSeconds, 1),
            ["settings"] = settings,
            ["methods"] = methods,
            ["ratios"] = new JsonObject
            {
                ["adversarialPaperVsRandomDisplacement"] = Ratios(records, MethodKeys.RandomDisplacement, MethodKeys.AdversarialPaper),
                ["adversarialVsUniform"] = Ratios(records, MethodKeys.Uniform, MethodKeys.Adversarial),
                ["adversarialPaperCeilingVsAdversarialPaper"] = Ratios(records, MethodKeys.AdversarialPaper, MethodKeys.AdversarialPaperCeiling),
                ["adversarialPaperWeightedVsAdversarialPaper"] = Ratios(records, MethodKeys.AdversarialPaper, MethodKeys.AdversarialPaperWeighted),
                ["adversarialPaperVsRandomDisplacementAtEqualLabels"] = EqualLabelRatios(records, MethodKeys.RandomDisplacement, MethodKeys.AdversarialPaper),
            },
            ["acceptance"] = AcceptanceChecks.Evaluate(records),
        };
    }

    /// <summary>Writes the document to a file.</summary>
    /// <param name="path">File path.</param>
    /// <param name="document">The document.</param>
    public static void Write(string path, JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        File.WriteAllText(path, document.ToJsonString(JsonOptions) + "\n");
    }

    /// <summary>A number, or null when it is not finite (JSON has no NaN).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>[q1, q3] of the values.</summary>
    /// <param name="values">Values.</param>
    /// <returns>The array.</returns>
    public static JsonArray Iqr(IEnumerable<double> values)
    {
        var (q1, q3) = Statistics.Quartiles(values);
        return [Number(q1), Number(q3)];
    }

    private static int Order(string method)
    {
        int i = MethodKeys.All.ToList().IndexOf(method);
        return i < 0 ? int.MaxValue : i;
    }

    private static JsonObject Summary(int generation, IReadOnlyList<GenerationMetrics> g)
    {
        var result = new JsonObject
        {
            ["generation"] = generation,
            ["loops"] = g.Count,
            ["labels"] = Number(Statistics.Median(g.Select(r => (double)r.LabelsSoFar.Count))),
            ["labelsIqr"] = Iqr(g.Select(r => (double)r.LabelsSoFar.Count)),
        };
        void Add(string name, Func<GridErrors, double> pick)
        {
            var values = g.Select(r => pick(r.Errors)).ToList();
            result[name + "Median"] = Number(Statistics.Median(values));
            result[name + "Iqr"] = Iqr(values);
        }

        Add("energyRmseLow", e => e.EnergyRmseLow);
        Add("energyRmseGrid", e => e.EnergyRmseGrid);
        Add("forceRmseLow", e => e.ForceRmseLow);
        Add("forceRmseGrid", e => e.ForceRmseGrid);
        result["meanLabelEnergy"] = Number(Statistics.Median(g.Select(r => r.LabelsSoFar.MeanEnergy)));
        result["meanLabelEnergyIqr"] = Iqr(g.Select(r => r.LabelsSoFar.MeanEnergy));
        result["maxLabelEnergy"] = Number(g.Select(r => r.LabelsSoFar.MaxEnergy).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max());
        result["reachedRightBasin"] = g.Count(r => r.LabelsSoFar.InRightBasin > 0);
        result["labelsOutsideBox"] = g.Sum(r => r.LabelsSoFar.OutsideBox);
        return result;
    }

    private static JsonObject PerSeed(IReadOnlyList<GenerationMetrics> loop) => new()
    {
        ["loop"] = loop[0].Loop,
        ["seed"] = loop[0].Seed,
        ["generations"] = new JsonArray([.. loop.Select(r => (JsonNode)new JsonObject
        {
            ["generation"] = r.Generation,
            ["labels"] = r.LabelsSoFar.Count,
            ["newLabels"] = r.NewLabels,
            ["energyRmseLow"] = Number(r.Errors.EnergyRmseLow),
            ["energyRmseGrid"] = Number(r.Errors.EnergyRmseGrid),
            ["forceRmseLow"] = Number(r.Errors.ForceRmseLow),
            ["forceRmseGrid"] = Number(r.Errors.ForceRmseGrid),
            ["meanLabelEnergy"] = Number(r.LabelsSoFar.MeanEnergy),
            ["maxLabelEnergy"] = Number(r.LabelsSoFar.MaxEnergy),
            ["labelsInRightBasin"] = r.LabelsSoFar.InRightBasin,
            ["labelsOutsideBox"] = r.LabelsSoFar.OutsideBox,
            ["seconds"] = Math.Round(r.Seconds, 2),
        })]),
    };

    /// <summary>Per paired seed at the last generation both methods reached: baseline / method energy RMSE on E ≤ 1.</summary>
    private static JsonObject? Ratios(IReadOnlyList<GenerationMetrics> records, string baseline, string method)
    {
        var pairs = PairedFinal(records, baseline, method);
        if (pairs.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["baseline"] = baseline,
            ["method"] = method,
            ["generation"] = pairs[0].Generation,
            ["medianRatio"] = Number(Statistics.Median(pairs.Select(p => p.Ratio))),
            ["fractionAtLeast3x"] = pairs.Count(p => p.Ratio >= 3) / (double)pairs.Count,
            ["perSeed"] = new JsonArray([.. pairs.Select(p => (JsonNode)new JsonObject
            {
                ["loop"] = p.Loop,
                ["seed"] = p.Seed,
                ["baselineEnergyRmseLow"] = Number(p.Baseline),
                ["methodEnergyRmseLow"] = Number(p.Method),
                ["ratio"] = Number(p.Ratio),
            })]),
        };
    }

    /// <summary>
    /// Informational, not an acceptance check: the method at its final generation against the baseline at its last
    /// generation that had used no more labels than the method's final count (generation 0 when none), per seed.
    /// </summary>
    private static JsonObject? EqualLabelRatios(IReadOnlyList<GenerationMetrics> records, string baseline, string method)
    {
        var pairs = PairedAtEqualLabels(records, baseline, method);
        if (pairs.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["baseline"] = baseline,
            ["method"] = method,
            ["note"] = "the baseline at its last generation with no more labels than the method's final count; informational, not the issue's check (which compares the same generation)",
            ["medianRatio"] = Number(Statistics.Median(pairs.Select(p => p.Ratio.Ratio))),
            ["fractionAtLeast3x"] = pairs.Count(p => p.Ratio.Ratio >= 3) / (double)pairs.Count,
            ["perSeed"] = new JsonArray([.. pairs.Select(p => (JsonNode)new JsonObject
            {
                ["loop"] = p.Ratio.Loop,
                ["seed"] = p.Ratio.Seed,
                ["methodLabels"] = p.MethodLabels,
                ["baselineGeneration"] = p.Ratio.Generation,
                ["baselineLabels"] = p.BaselineLabels,
                ["baselineEnergyRmseLow"] = Number(p.Ratio.Baseline),
                ["methodEnergyRmseLow"] = Number(p.Ratio.Method),
                ["ratio"] = Number(p.Ratio.Ratio),
            })]),
        };
    }

    /// <summary>
    /// Per loop: the method's final-generation energy RMSE (E ≤ 1) against the baseline's at its last generation whose
    /// labels so far do not exceed the method's final count. <see cref="PairedRatio.Generation"/> is the baseline's generation.
    /// </summary>
    /// <param name="records">All records.</param>
    /// <param name="baseline">The baseline method key.</param>
    /// <param name="method">The compared method key.</param>
    /// <returns>The pairs with both label counts, by loop (empty when a method is missing).</returns>
    public static IReadOnlyList<(PairedRatio Ratio, int MethodLabels, int BaselineLabels)> PairedAtEqualLabels(IReadOnlyList<GenerationMetrics> records, string baseline, string method)
    {
        ArgumentNullException.ThrowIfNull(records);
        var result = new List<(PairedRatio, int, int)>();
        foreach (var final in records.Where(r => r.Method == method).GroupBy(r => r.Loop).Select(g => g.MaxBy(r => r.Generation)!).OrderBy(r => r.Loop))
        {
            int labels = final.LabelsSoFar.Count;
            var match = records.Where(r => r.Method == baseline && r.Loop == final.Loop && r.LabelsSoFar.Count <= labels).MaxBy(r => r.Generation);
            if (match is not null)
            {
                result.Add((new PairedRatio(final.Loop, final.Seed, match.Generation, match.Errors.EnergyRmseLow, final.Errors.EnergyRmseLow), labels, match.LabelsSoFar.Count));
            }
        }

        return result;
    }

    /// <summary>The paired final-generation energy RMSEs (E ≤ 1) of two methods, by loop.</summary>
    /// <param name="records">All records.</param>
    /// <param name="baseline">Baseline method key.</param>
    /// <param name="method">Compared method key.</param>
    /// <returns>One entry per loop that both methods ran, at the last generation both reached.</returns>
    public static IReadOnlyList<PairedRatio> PairedFinal(IReadOnlyList<GenerationMetrics> records, string baseline, string method)
    {
        ArgumentNullException.ThrowIfNull(records);
        var a = records.Where(r => r.Method == baseline).ToList();
        var b = records.Where(r => r.Method == method).ToList();
        if (a.Count == 0 || b.Count == 0)
        {
            return [];
        }

        int generation = Math.Min(a.Max(r => r.Generation), b.Max(r => r.Generation));
        return [.. a.Where(r => r.Generation == generation)
            .Join(b.Where(r => r.Generation == generation), r => r.Loop, r => r.Loop, (x, y) => new PairedRatio(x.Loop, x.Seed, generation, x.Errors.EnergyRmseLow, y.Errors.EnergyRmseLow))
            .OrderBy(p => p.Loop)];
    }
}
