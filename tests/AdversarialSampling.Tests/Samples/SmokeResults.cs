using System.Text.Json.Nodes;

namespace AdversarialSampling.Tests.Samples;

/// <summary>The results.json contract both double-well samples share (issue #5 item 6), checked on a one-loop smoke run.</summary>
internal static class SmokeResults
{
    /// <summary>The per-generation keys every method must report.</summary>
    public static readonly string[] GenerationKeys = ["labels", "energyRmseLowMedian", "energyRmseLowIqr", "energyRmseGridMedian", "forceRmseLowMedian", "meanLabelEnergy", "reachedRightBasin"];

    /// <summary>
    /// Reads <c>results.json</c> under <paramref name="directory"/> and checks: one loop, a positive wall time, and for every
    /// method generations 0 … <paramref name="generations"/> with every contract key, 1 … generations × labels labels at the
    /// end, a positive final error, and the loop's labels.extxyz holding exactly those labels.
    /// </summary>
    /// <param name="directory">The sample's --out directory.</param>
    /// <param name="methods">The method keys.</param>
    /// <param name="generations">Generations after generation 0.</param>
    /// <param name="labels">Labels per generation (the cap).</param>
    /// <returns>The parsed results.</returns>
    public static JsonNode AssertContract(string directory, IEnumerable<string> methods, int generations, int labels)
    {
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "results.json")))!;
        Assert.Equal(1, (int)results["loops"]!);
        Assert.True((double)results["wallSeconds"]! > 0);
        foreach (string method in methods)
        {
            var rows = results["methods"]![method]!["generations"]!.AsArray();
            Assert.Equal(generations + 1, rows.Count);
            foreach (string key in GenerationKeys)
            {
                Assert.True(rows[^1]!.AsObject().ContainsKey(key), $"{method} lacks {key}");
            }

            double used = (double)rows[^1]!["labels"]!;
            Assert.InRange(used, 1, generations * labels);
            Assert.True((double)rows[^1]!["energyRmseLowMedian"]! > 0);
            string loop = Path.Combine(directory, "runs", method, "loop-00");
            Assert.Equal((int)used, AdversarialSampling.IO.ExtendedXyzReader.ReadDataset(Path.Combine(loop, "labels.extxyz")).Count);
        }

        return results;
    }
}
