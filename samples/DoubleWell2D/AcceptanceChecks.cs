using System.Text.Json.Nodes;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>
/// The double-well acceptance checks of the issue, evaluated on the measurements (each reported with its
/// numbers; "met" is null when a method it needs did not run):
/// <list type="bullet">
/// <item>paper preset: energy RMSE on E ≤ 1 at least 3× lower than random displacement's in ≥ 80% of paired seeds;</item>
/// <item>library defaults: every loop has a label in the right-hand basin by generation 3;</item>
/// <item>library defaults: no label above E = 20;</item>
/// <item>library defaults: median E ≤ 1 RMSE within 2× of uniform sampling's.</item>
/// </list>
/// </summary>
public static class AcceptanceChecks
{
    /// <summary>Required ratio random displacement / paper preset (3).</summary>
    public const double RequiredRatio = 3;

    /// <summary>Required fraction of paired seeds reaching <see cref="RequiredRatio"/> (0.8).</summary>
    public const double RequiredFraction = 0.8;

    /// <summary>Generation by which every library-default loop must have reached the right-hand basin (3).</summary>
    public const int RightBasinGeneration = 3;

    /// <summary>Highest true label energy allowed for the library defaults (eV, 20).</summary>
    public const double MaxLabelEnergy = 20;

    /// <summary>Largest allowed factor between the library defaults' and uniform sampling's median RMSE (2).</summary>
    public const double UniformFactor = 2;

    /// <summary>Evaluates every check.</summary>
    /// <param name="records">All measurements.</param>
    /// <returns>One object per check: met (bool or null), the measured value, the requirement.</returns>
    public static JsonObject Evaluate(IReadOnlyList<GenerationMetrics> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var result = new JsonObject();

        var pairs = ComparisonResults.PairedFinal(records, MethodKeys.RandomDisplacement, MethodKeys.AdversarialPaper);
        double fraction = pairs.Count == 0 ? double.NaN : pairs.Count(p => p.Ratio >= RequiredRatio) / (double)pairs.Count;
        result["paperPresetBeatsRandomDisplacement"] = Check(
            pairs.Count == 0 ? null : fraction >= RequiredFraction,
            fraction,
            $"random-displacement / paper-preset energy RMSE (E ≤ 1) ≥ {RequiredRatio} in ≥ {RequiredFraction * 100}% of paired seeds",
            pairs.Count);

        var defaults = records.Where(r => r.Method == MethodKeys.Adversarial).ToList();
        if (defaults.Count == 0)
        {
            foreach (var name in new[] { "defaultsReachRightBasinByGeneration3", "defaultsNoLabelAbove20", "defaultsWithin2xOfUniform" })
            {
                result[name] = Check(null, double.NaN, "needs the adversarial (library defaults) method", 0);
            }

            return result;
        }

        int loops = defaults.Select(r => r.Loop).Distinct().Count();
        int byGeneration = Math.Min(RightBasinGeneration, defaults.Max(r => r.Generation));
        int reached = defaults.Where(r => r.Generation == byGeneration && r.LabelsSoFar.InRightBasin > 0).Select(r => r.Loop).Distinct().Count();
        result["defaultsReachRightBasinByGeneration3"] = Check(
            reached == loops, reached, $"every loop has a label in the right-hand basin by generation {byGeneration}", loops);

        double maxEnergy = defaults.Select(r => r.LabelsSoFar.MaxEnergy).Where(double.IsFinite).DefaultIfEmpty(double.NegativeInfinity).Max();
        result["defaultsNoLabelAbove20"] = Check(maxEnergy <= MaxLabelEnergy, maxEnergy, $"highest true label energy ≤ {MaxLabelEnergy}", loops);

        var uniform = records.Where(r => r.Method == MethodKeys.Uniform).ToList();
        if (uniform.Count == 0)
        {
            result["defaultsWithin2xOfUniform"] = Check(null, double.NaN, "needs the uniform method", loops);
        }
        else
        {
            int generation = Math.Min(defaults.Max(r => r.Generation), uniform.Max(r => r.Generation));
            double mine = Statistics.Median(defaults.Where(r => r.Generation == generation).Select(r => r.Errors.EnergyRmseLow));
            double theirs = Statistics.Median(uniform.Where(r => r.Generation == generation).Select(r => r.Errors.EnergyRmseLow));
            var check = Check(mine <= UniformFactor * theirs, mine / theirs, $"median energy RMSE (E ≤ 1) of the defaults ≤ {UniformFactor}× uniform's at generation {generation}", loops);
            check["defaultsMedian"] = ComparisonResults.Number(mine);
            check["uniformMedian"] = ComparisonResults.Number(theirs);
            result["defaultsWithin2xOfUniform"] = check;
        }

        return result;
    }

    private static JsonObject Check(bool? met, double value, string requirement, int loops) => new()
    {
        ["met"] = met,
        ["value"] = ComparisonResults.Number(value),
        ["requirement"] = requirement,
        ["loops"] = loops,
    };
}
