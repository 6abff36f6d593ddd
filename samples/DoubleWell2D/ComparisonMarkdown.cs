using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>Markdown tables of a results document (written next to results.json as tables.md, pasted into the reproduction report).</summary>
public static class ComparisonMarkdown
{
    /// <summary>The tables: per method and generation (median [IQR]), the paired ratios per seed, and the acceptance checks.</summary>
    /// <param name="document">A document built by <see cref="ComparisonResults.Build"/>.</param>
    /// <returns>Markdown text.</returns>
    public static string Tables(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"Loops per method: {document["loops"]}; wall time {document["wallSeconds"]} s (compute {document["computeSeconds"]} s summed over loops).");
        Line($"");
        Line($"| method | gen | labels | energy RMSE E≤1 (eV), median [IQR] | energy RMSE grid (eV) | force RMSE E≤1 (eV/Å) | mean label E (eV) | max label E (eV) | loops in right basin |");
        Line($"|---|---|---|---|---|---|---|---|---|");
        foreach (var (method, node) in document["methods"]!.AsObject())
        {
            foreach (var g in node!["generations"]!.AsArray())
            {
                Line($"| {method} | {g!["generation"]} | {F(g["labels"], "F0")} | {F(g["energyRmseLowMedian"])} [{F(g["energyRmseLowIqr"]![0])}, {F(g["energyRmseLowIqr"]![1])}] | {F(g["energyRmseGridMedian"])} [{F(g["energyRmseGridIqr"]![0])}, {F(g["energyRmseGridIqr"]![1])}] | {F(g["forceRmseLowMedian"])} [{F(g["forceRmseLowIqr"]![0])}, {F(g["forceRmseLowIqr"]![1])}] | {F(g["meanLabelEnergy"], "F2")} | {F(g["maxLabelEnergy"], "F1")} | {g["reachedRightBasin"]}/{g["loops"]} |");
            }
        }

        foreach (var (name, ratios) in document["ratios"]!.AsObject())
        {
            if (ratios is null)
            {
                continue;
            }

            Line($"");
            Line($"{name} (generation {ratios["generation"]}): ratio = {ratios["baseline"]} / {ratios["method"]} energy RMSE on E ≤ 1; median {F(ratios["medianRatio"], "F2")}, ≥ 3× in {F(ratios["fractionAtLeast3x"], "P0")} of seeds.");
            Line($"");
            Line($"| loop | seed | {ratios["baseline"]} (eV) | {ratios["method"]} (eV) | ratio |");
            Line($"|---|---|---|---|---|");
            foreach (var p in ratios["perSeed"]!.AsArray())
            {
                Line($"| {p!["loop"]} | {p["seed"]} | {F(p["baselineEnergyRmseLow"])} | {F(p["methodEnergyRmseLow"])} | {F(p["ratio"], "F2")} |");
            }
        }

        Line($"");
        Line($"| acceptance check | requirement | measured | met |");
        Line($"|---|---|---|---|");
        foreach (var (name, check) in document["acceptance"]!.AsObject())
        {
            string met = check!["met"] is JsonNode m ? ((bool)m ? "met" : "not met") : "n/a";
            Line($"| {name} | {check["requirement"]} | {F(check["value"], "G4")} | {met} |");
        }

        return text.ToString();
    }

    private static string F(JsonNode? node, string format = "F4")
        => node is null ? "–" : ((double)node).ToString(format, CultureInfo.InvariantCulture);
}
