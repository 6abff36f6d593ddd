using System.Text.Json.Nodes;
using AdversarialSampling.Samples.DoubleWell;

namespace AdversarialSampling.Tests.Samples;

/// <summary>The sample's CI-sized run, end to end through the loop: every method, results.json with every contract key, plots, extended XYZ.</summary>
public sealed class DoubleWellSmokeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dw-smoke-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Category", "Acceptance")]
    public async Task RunAsync_Smoke_WritesEveryContractKeyPlotsAndLabelledData()
    {
        TorchSharp.torch.set_num_threads(1);
        var options = SampleOptions.Parse(["--smoke", "--out", _directory])!;
        using var log = new StringWriter();
        await ComparisonRun.RunAsync(options, log);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "results.json")))!;
        Assert.Equal(1, (int)results["loops"]!);
        Assert.True((double)results["wallSeconds"]! > 0);
        foreach (string method in MethodKeys.Default)
        {
            var generations = results["methods"]![method]!["generations"]!.AsArray();
            Assert.Equal(options.Generations + 1, generations.Count);
            foreach (string key in new[] { "labels", "energyRmseLowMedian", "energyRmseLowIqr", "energyRmseGridMedian", "forceRmseLowMedian", "meanLabelEnergy", "reachedRightBasin" })
            {
                Assert.True(generations[^1]!.AsObject().ContainsKey(key), $"{method} lacks {key}");
            }

            Assert.InRange((double)generations[^1]!["labels"]!, 1, options.Generations * options.Labels);
            Assert.True((double)generations[^1]!["energyRmseLowMedian"]! > 0);
            string loop = Path.Combine(_directory, "runs", method, "loop-00");
            int labels = (int)(double)generations[^1]!["labels"]!;
            Assert.Equal(labels, AdversarialSampling.IO.ExtendedXyzReader.ReadDataset(Path.Combine(loop, "labels.extxyz")).Count);
            Assert.True(File.Exists(Path.Combine(loop, "run", "generations", "gen-002", "dataset.extxyz")));
        }

        Assert.NotNull(results["acceptance"]!["defaultsNoLabelAbove20"]!["met"]);
        foreach (string png in new[] { "surface.png", "rmse-energy-low.png" })
        {
            Assert.True(new FileInfo(Path.Combine(_directory, png)).Length > 5000);
        }

        // A second run reuses every finished loop instead of recomputing it.
        using var again = new StringWriter();
        await ComparisonRun.RunAsync(options, again);
        Assert.DoesNotContain("generation 1:", again.ToString(), StringComparison.Ordinal);
    }
}
