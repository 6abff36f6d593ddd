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

        var results = SmokeResults.AssertContract(_directory, MethodKeys.Default, options.Generations, options.Labels);
        foreach (string method in MethodKeys.Default)
        {
            Assert.True(File.Exists(Path.Combine(_directory, "runs", method, "loop-00", "run", "generations", "gen-002", "dataset.extxyz")));
        }

        Assert.NotNull(results["acceptance"]!["defaultsNoLabelAbove20"]!["met"]);
        foreach (string png in new[] { "surface.png", "rmse-energy-low.png" })
        {
            Assert.True(new FileInfo(Path.Combine(_directory, png)).Length > 5000);
        }

        // The validation diagnostic retrains a finished loop's stored generation three ways.
        using var diagnosticLog = new StringWriter();
        var diagnostic = ValidationDiagnostic.Run(options with { ValidationDiagnostic = 1, Methods = [MethodKeys.Adversarial] }, diagnosticLog);
        var rows = diagnostic["validationDiagnostic"]!.AsArray();
        Assert.Equal(["none", "initial", "stored"], rows.Select(r => (string)r!["validation"]!));
        Assert.Equal(0, (int)rows[0]!["validationPoints"]!);
        Assert.All(rows, r => Assert.Equal(options.Members, r!["bestEpochs"]!.AsArray().Count));
        Assert.True(File.Exists(Path.Combine(_directory, "validation-diagnostic.json")));

        // The retraining diagnostic retrains the Paper preset's and random displacement's stored generation with other
        // committee seeds: the same seeds give the same errors, and the pair's ratio is that of the retrained means.
        var retrainOptions = options with { RetrainingDiagnostic = 1, RetrainRepeats = 2, Methods = [MethodKeys.AdversarialPaper, MethodKeys.RandomDisplacement] };
        var retrained = RetrainingDiagnostic.Run(retrainOptions, TextWriter.Null)["retrainingDiagnostic"]!;
        var loops = retrained["loops"]!.AsArray();
        Assert.Equal([MethodKeys.AdversarialPaper, MethodKeys.RandomDisplacement], loops.Select(l => (string)l!["method"]!));
        Assert.All(loops, l => Assert.All(l!["retrainedEnergyRmseLow"]!.AsArray(), e => Assert.True((double)e! > 0 && double.IsFinite((double)e!))));
        var pair = Assert.Single(retrained["pairs"]!.AsArray())!;
        Assert.Equal((double)loops[1]!["retrainedMean"]! / (double)loops[0]!["retrainedMean"]!, (double)pair["ratio"]!, 12);
        var repeated = RetrainingDiagnostic.Run(retrainOptions, TextWriter.Null)["retrainingDiagnostic"]!;
        Assert.Equal(loops.ToJsonString(), repeated["loops"]!.ToJsonString());
        Assert.True(File.Exists(Path.Combine(_directory, $"retraining-diagnostic-epochs{options.Epochs}-patience{options.Patience}.json")));

        // A second run reuses every finished loop instead of recomputing it.
        using var again = new StringWriter();
        await ComparisonRun.RunAsync(options, again);
        Assert.DoesNotContain("generation 1:", again.ToString(), StringComparison.Ordinal);
    }
}
