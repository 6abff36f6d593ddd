using System.Text.Json.Nodes;
using AdversarialSampling.Samples.DoubleWell;

namespace AdversarialSampling.Tests.Samples;

public class ComparisonResultsTests
{
    private static readonly string[] ContractKeys =
        ["labels", "energyRmseLowMedian", "energyRmseLowIqr", "energyRmseGridMedian", "forceRmseLowMedian", "meanLabelEnergy", "reachedRightBasin"];

    private static GenerationMetrics Record(string method, int loop, int generation, double rmseLow, double maxEnergy = 1, int rightBasin = 0) => new()
    {
        Method = method,
        Loop = loop,
        Seed = 100 + loop,
        Generation = generation,
        Errors = new GridErrors(rmseLow, 2 * rmseLow, 10 * rmseLow, 20 * rmseLow),
        LabelsSoFar = generation == 0 ? LabelStatistics.None : new LabelStatistics(20 * generation, -1 + loop, maxEnergy, rightBasin, 0),
        NewLabels = generation == 0 ? 0 : 20,
    };

    /// <summary>Every method, 5 loops, generations 0–3; the paper preset beats random displacement 4× on loops 0–3 and 1.5× on loop 4.</summary>
    private static List<GenerationMetrics> Synthetic()
    {
        var records = new List<GenerationMetrics>();
        for (int loop = 0; loop < 5; loop++)
        {
            for (int g = 0; g <= 3; g++)
            {
                records.Add(Record(MethodKeys.RandomDisplacement, loop, g, 0.4));
                records.Add(Record(MethodKeys.AdversarialPaper, loop, g, loop == 4 ? 0.4 / 1.5 : 0.1, maxEnergy: 150));
                records.Add(Record(MethodKeys.Adversarial, loop, g, 0.05, maxEnergy: 5, rightBasin: g >= 2 ? 3 : 0));
                records.Add(Record(MethodKeys.Uniform, loop, g, 0.03));
            }
        }

        return records;
    }

    private static JsonObject Build(List<GenerationMetrics> records) => ComparisonResults.Build(records, 5, 12.34, new JsonObject { ["note"] = "test" });

    [Fact]
    public void Build_EveryMethodAndGeneration_HasEveryContractKey()
    {
        var document = Build(Synthetic());
        Assert.Equal(5, (int)document["loops"]!);
        Assert.Equal(12.3, (double)document["wallSeconds"]!);
        foreach (string method in new[] { MethodKeys.Adversarial, MethodKeys.AdversarialPaper, MethodKeys.RandomDisplacement, MethodKeys.Uniform })
        {
            var generations = document["methods"]![method]!["generations"]!.AsArray();
            Assert.Equal(4, generations.Count);
            foreach (var generation in generations)
            {
                foreach (string key in ContractKeys)
                {
                    Assert.True(generation!.AsObject().ContainsKey(key), $"{method} generation {generation["generation"]} lacks {key}");
                }

                Assert.Equal(2, generation!["energyRmseLowIqr"]!.AsArray().Count);
            }

            Assert.Equal(5, document["methods"]![method]!["perSeed"]!.AsArray().Count);
        }
    }

    [Fact]
    public void Build_Generation_SummarisesLoopsByMedianIqrAndCounts()
    {
        var document = Build(Synthetic());
        var paper = document["methods"]![MethodKeys.AdversarialPaper]!["generations"]![3]!;
        Assert.Equal(60, (double)paper["labels"]!);
        Assert.Equal(0.1, (double)paper["energyRmseLowMedian"]!, 12);
        Assert.Equal(0.2, (double)paper["energyRmseGridMedian"]!, 12);
        Assert.Equal(1.0, (double)paper["forceRmseLowMedian"]!, 12);
        Assert.Equal(1.0, (double)paper["meanLabelEnergy"]!, 12);   // loops have −1, 0, 1, 2, 3
        Assert.Equal(150, (double)paper["maxLabelEnergy"]!);
        var defaults = document["methods"]![MethodKeys.Adversarial]!["generations"]!.AsArray();
        Assert.Equal(0, (int)defaults[1]!["reachedRightBasin"]!);
        Assert.Equal(5, (int)defaults[2]!["reachedRightBasin"]!);
        Assert.Null(defaults[0]!["meanLabelEnergy"]);
    }

    [Fact]
    public void Build_PairedSeeds_RatioIsBaselineOverMethodAtTheLastGeneration()
    {
        var ratios = Build(Synthetic())["ratios"]!["adversarialPaperVsRandomDisplacement"]!;
        Assert.Equal(3, (int)ratios["generation"]!);
        var perSeed = ratios["perSeed"]!.AsArray();
        Assert.Equal(5, perSeed.Count);
        Assert.Equal(4.0, (double)perSeed[0]!["ratio"]!, 12);
        Assert.Equal(1.5, (double)perSeed[4]!["ratio"]!, 12);
        Assert.Equal(104, (int)perSeed[4]!["seed"]!);
        Assert.Equal(0.8, (double)ratios["fractionAtLeast3x"]!, 12);
    }

    [Fact]
    public void Acceptance_SyntheticRun_ReportsEachCheckWithItsNumbers()
    {
        var acceptance = AcceptanceChecks.Evaluate(Synthetic());
        Assert.True((bool)acceptance["paperPresetBeatsRandomDisplacement"]!["met"]!);
        Assert.Equal(0.8, (double)acceptance["paperPresetBeatsRandomDisplacement"]!["value"]!, 12);
        Assert.True((bool)acceptance["defaultsReachRightBasinByGeneration3"]!["met"]!);
        Assert.True((bool)acceptance["defaultsNoLabelAbove20"]!["met"]!);
        Assert.True((bool)acceptance["defaultsWithin2xOfUniform"]!["met"]!);
        Assert.Equal(0.05 / 0.03, (double)acceptance["defaultsWithin2xOfUniform"]!["value"]!, 12);
    }

    [Fact]
    public void Acceptance_FailingRun_ReportsEachCheckAsNotMet()
    {
        var records = Synthetic()
            .Select(r => r.Method == MethodKeys.AdversarialPaper && r.Loop == 3 ? r with { Errors = r.Errors with { EnergyRmseLow = 0.3 } } : r)
            .Select(r => r.Method == MethodKeys.Adversarial && r.Loop == 1 ? r with { LabelsSoFar = r.LabelsSoFar with { InRightBasin = 0, MaxEnergy = 25 }, Errors = r.Errors with { EnergyRmseLow = 0.5 } } : r)
            .Select(r => r.Method == MethodKeys.Adversarial ? r with { Errors = r.Errors with { EnergyRmseLow = 0.07 } } : r)
            .ToList();
        var acceptance = AcceptanceChecks.Evaluate(records);
        Assert.False((bool)acceptance["paperPresetBeatsRandomDisplacement"]!["met"]!);
        Assert.False((bool)acceptance["defaultsReachRightBasinByGeneration3"]!["met"]!);
        Assert.Equal(4, (double)acceptance["defaultsReachRightBasinByGeneration3"]!["value"]!);
        Assert.False((bool)acceptance["defaultsNoLabelAbove20"]!["met"]!);
        Assert.False((bool)acceptance["defaultsWithin2xOfUniform"]!["met"]!);
    }

    [Fact]
    public void Acceptance_MissingMethods_ReportsNullInsteadOfAVerdict()
    {
        var acceptance = AcceptanceChecks.Evaluate(Synthetic().Where(r => r.Method == MethodKeys.Uniform).ToList());
        Assert.Null(acceptance["paperPresetBeatsRandomDisplacement"]!["met"]);
        Assert.Null(acceptance["defaultsWithin2xOfUniform"]!["met"]);
    }

    [Fact]
    public void PairedAtEqualLabels_TakesTheBaselinesLastGenerationWithNoMoreLabels()
    {
        // The method used 50 labels by generation 3; the baseline 20 per generation: its generation 2 (40 labels) is the match.
        var records = new List<GenerationMetrics>();
        for (int g = 0; g <= 3; g++)
        {
            records.Add(Record(MethodKeys.RandomDisplacement, 0, g, 1.0 - (0.2 * g)));
            records.Add(Record(MethodKeys.AdversarialPaper, 0, g, 0.1) with { LabelsSoFar = g == 0 ? LabelStatistics.None : new LabelStatistics(new[] { 0, 20, 35, 50 }[g], 0, 1, 0, 0) });
        }

        var pair = Assert.Single(ComparisonResults.PairedAtEqualLabels(records, MethodKeys.RandomDisplacement, MethodKeys.AdversarialPaper));

        Assert.Equal((50, 40, 2), (pair.MethodLabels, pair.BaselineLabels, pair.Ratio.Generation));
        Assert.Equal(0.6 / 0.1, pair.Ratio.Ratio, 12);
        var json = Build(records)["ratios"]!["adversarialPaperVsRandomDisplacementAtEqualLabels"]!;
        Assert.Equal(1.0, (double)json["fractionAtLeast3x"]!);
        Assert.Contains("not the issue's check", (string)json["note"]!, StringComparison.Ordinal);
    }
}
