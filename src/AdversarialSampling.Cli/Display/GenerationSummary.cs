using System.Globalization;
using System.Text.Json.Nodes;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;

namespace AdversarialSampling.Cli.Display;

/// <summary>Text forms of a generation report: one human line, or one compact JSON line with the keys of report.json.</summary>
internal static class GenerationSummary
{
    /// <summary>The report as one line of compact JSON (the same keys and values as its report.json).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON line.</returns>
    public static string JsonLine(GenerationReport report) => JsonNode.Parse(report.ToJson())!.ToJsonString();

    /// <summary>One human-readable line, e.g. "generation 1: +8 labels, dataset 152; ...".</summary>
    /// <param name="report">The report.</param>
    /// <param name="reportPath">The report.json path.</param>
    /// <returns>The line.</returns>
    public static string Line(GenerationReport report, string reportPath)
    {
        var text = new List<string> { string.Create(CultureInfo.InvariantCulture, $"generation {report.Generation}: +{report.LabelsAdded} labels, dataset {report.DatasetSize}") };
        int candidates = report.CandidatesByReason.Values.Sum();
        if (candidates > 0)
        {
            text.Add(string.Create(CultureInfo.InvariantCulture, $"{candidates} candidates ({report.CandidatesByReason.GetValueOrDefault(DecisionReason.Accepted)} accepted)"));
        }

        int failed = report.LabelOutcomes.GetValueOrDefault(LabelStatus.Failed) + report.LabelOutcomes.GetValueOrDefault(LabelStatus.GateRejected);
        if (failed > 0)
        {
            text.Add(string.Create(CultureInfo.InvariantCulture, $"{failed} failed labels ({string.Join(", ", report.FailuresByKind.Where(k => k.Value > 0).Select(k => $"{k.Value} {k.Key}"))})"));
        }

        if (report.Validation is { } v)
        {
            text.Add(string.Create(CultureInfo.InvariantCulture, $"validation RMSE {v.EnergyRmse:G4} eV, {v.ForceRmse:G4} eV/Å"));
        }

        if (report.StopReason == LoopStopReason.FailureRatioExceeded)
        {
            text.Add("STOPPED: " + CliErrors.OneLine(report.StopMessage ?? "failure ratio exceeded"));
        }

        return string.Join("; ", text) + "; " + reportPath;
    }
}
