using System.Text.Json.Nodes;
using AdversarialSampling.Samples.Ammonia;

namespace AdversarialSampling.Tests.Samples;

/// <summary>The ammonia sample's CI-sized run against the real xtb: reference, initial data, every method through the loop, results.json with every contract key, plots.</summary>
[Trait("Category", "Xtb")]
public sealed class AmmoniaSmokeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nh3-smoke-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Category", "Acceptance")]
    public async Task RunAsync_Smoke_WritesEveryContractKeyAndThePlots()
    {
        TorchSharp.torch.set_num_threads(1);
        var options = SampleOptions.Parse(["--smoke", "--out", _directory])!;
        using var log = new StringWriter();

        await ComparisonRun.RunAsync(options, log);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "results.json")))!;
        Assert.True((double)results["wallSeconds"]! > 0);
        double xtb = (double)results["reference"]!["referenceBarrierKcalPerMol"]!;
        Assert.InRange(xtb, 5.9, 6.3);
        Assert.Equal(options.Initial, (int)results["reference"]!["initialGeometries"]!);
        Assert.True((double)results["reference"]!["initialEnergyRangeKcalPerMol"]![1]! <= options.WindowKcal);
        foreach (string method in MethodKeys.All)
        {
            var generations = results["methods"]![method]!["generations"]!.AsArray();
            Assert.Equal(options.Generations + 1, generations.Count);
            foreach (string key in new[] { "labels", "barrierKcalPerMol", "referenceBarrierKcalPerMol", "stableFraction", "stableFraction1fs", "oracleSeconds" })
            {
                Assert.True(generations[^1]!.AsObject().ContainsKey(key), $"{method} lacks {key}");
            }

            Assert.InRange((double)generations[^1]!["labels"]!, 0, options.Generations * options.Labels);
            Assert.Equal(xtb, (double)generations[^1]!["referenceBarrierKcalPerMol"]!, 4);
            Assert.InRange((double)generations[^1]!["stableFraction"]!, 0, 1);
            var seed = results["methods"]![method]!["perSeed"]![0]!["generations"]!.AsArray();
            Assert.Equal((int)seed[^1]!["labels"]!, seed.Sum(g => (int)g!["newLabels"]!));
            Assert.Equal((int)seed[^1]!["newLabels"]!, seed[^1]!["labelEnergiesKcalPerMol"]!.AsArray().Count);

            // The committee's uncertainty at its own minimum and planar saddle, and the selection threshold it is judged by.
            foreach (string key in new[] { "saddleForceVariance", "minimumForceVariance", "saddleEnergyVariance", "minimumEnergyVariance" })
            {
                Assert.All(seed, g => Assert.True((double)g![key]! > 0, $"{method} generation {g["generation"]}: {key}"));
            }

            Assert.Null(seed[0]!["selectionThreshold"]);
            Assert.All(seed.Skip(1), g => Assert.True((double)g!["selectionThreshold"]! > 0, $"{method} generation {g["generation"]}: selectionThreshold"));
        }

        Assert.NotNull(results["acceptance"]!["defaultsBarrierWithinHalfKcal"]!["met"]);
        Assert.NotNull(results["acceptance"]!["defaultsStableAtHalfFs"]!["stableFraction"]);
        foreach (string png in new[] { "ammonia-barrier-error.png", "ammonia-stability.png", "ammonia-label-energies.png" })
        {
            Assert.True(new FileInfo(Path.Combine(_directory, png)).Length > 5000, png);
        }

        // A second run reuses the cached reference, initial data and every finished loop.
        using var again = new StringWriter();
        await ComparisonRun.RunAsync(options, again);
        Assert.Contains("reference and initial data from", again.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("generation 1:", again.ToString(), StringComparison.Ordinal);
    }
}
