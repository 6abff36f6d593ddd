using System.Text.Json.Nodes;
using AdversarialSampling.Samples.OneDimension;
using Well = AdversarialSampling.Potentials.DoubleWell1D;

namespace AdversarialSampling.Tests.Samples;

/// <summary>The 1D double-well sample: its grid metrics, its options, and its CI-sized run end to end through the loop.</summary>
public sealed class DoubleWell1DSampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dw1d-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static double[] TrueEnergies() => [.. Comparison1D.Grid.Select(Well.Energy)];

    private static double[] TrueForces() => [.. Comparison1D.Grid.Select(x => -Well.Derivative(x))];

    [Fact]
    public void Measure_ExactCommittee_HasZeroErrors()
    {
        var record = GenerationRecord.Measure(2, TrueEnergies(), TrueForces(), []);

        Assert.Equal((0.0, 0.0, 0.0), (record.EnergyRmseLow, record.EnergyRmseGrid, record.ForceRmseLow));
        Assert.Equal(0, record.Labels);
        Assert.True(double.IsNaN(record.MeanLabelEnergy));
        Assert.False(record.ReachedRightWell);
    }

    [Fact]
    public void Measure_ShiftedEnergiesAndForces_GiveTheShiftAsRmse()
    {
        var record = GenerationRecord.Measure(1, [.. TrueEnergies().Select(e => e + 0.5)], [.. TrueForces().Select(f => f - 2)], [-1.0, 0.96]);

        Assert.Equal(0.5, record.EnergyRmseLow, 12);
        Assert.Equal(0.5, record.EnergyRmseGrid, 12);
        Assert.Equal(2.0, record.ForceRmseLow, 12);
        Assert.Equal(2, record.Labels);
        Assert.Equal((Well.Energy(-1.0) + Well.Energy(0.96)) / 2, record.MeanLabelEnergy, 12);
        Assert.True(record.ReachedRightWell);
    }

    [Theory]
    [InlineData(-1.0, false)]   // the deep well
    [InlineData(0.05, false)]   // left of the barrier top
    [InlineData(0.96, true)]    // the shallow well's minimum
    [InlineData(1.5, false)]    // right of the shallow well, above the barrier energy
    public void Measure_RightWell_IsXBeyondTheBarrierAndEBelowIt(double x, bool expected)
        => Assert.Equal(expected, GenerationRecord.Measure(1, TrueEnergies(), TrueForces(), [x]).ReachedRightWell);

    [Fact]
    public void Barrier_ConstantsAreTheSurfacesStationaryPoint()
    {
        Assert.Equal(0, Well.Derivative(Comparison1D.BarrierX), 1e-4);
        Assert.Equal(Comparison1D.BarrierEnergy, Well.Energy(Comparison1D.BarrierX), 1e-6);
    }

    [Fact]
    public void Measure_WrongLength_ThrowsNamingTheGrid()
    {
        var error = Assert.Throws<ArgumentException>(() => GenerationRecord.Measure(0, [1.0, 2.0], TrueForces(), []));
        Assert.Equal($"Expected {Comparison1D.GridPoints} energies and forces (one per grid point); found 2 and {Comparison1D.GridPoints}.", error.Message);
    }

    [Fact]
    public void Parse_UnknownMethod_ThrowsListingTheMethods()
    {
        var error = Assert.Throws<ArgumentException>(() => Options1D.Parse(["--methods", "adversarial,md"]));
        Assert.Equal("--methods takes a comma-separated subset of adversarial, adversarialWideWindow, adversarialPaper, randomDisplacement, uniform; unknown: md.", error.Message);
        Assert.Null(Options1D.Parse(["--help"]));
    }

    [Fact]
    public void Methods_PaperAttackersSeedFromTheReplicatedTrainingSetAndTheRandomOneIsUniform()
    {
        var options = Options1D.Parse(["--smoke"])!;
        foreach (string method in Methods1D.All)
        {
            var loop = Comparison1D.Build(options, method, 0, Path.Combine(_directory, "never-created"));
            bool paper = method is Methods1D.AdversarialPaper or Methods1D.RandomDisplacement;
            Assert.Contains(paper ? "\"seedPolicy\": \"ReplicatedTraining\"" : "\"seedPolicy\": \"AllTraining\"", loop.Fingerprint, StringComparison.Ordinal);
            Assert.Empty(loop.Warnings);
        }

        Assert.Equal(AdversarialSampling.Attacks.DisplacementDistribution.Uniform, Methods1D.RandomOptions.Distribution);
        Assert.Empty(Methods1D.RandomOptions.Validate());
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--random-selection", "unfiltered" }, false)]
    public void Methods_RandomBaselinePassesTheAttacksUncertaintyThresholdUnlessUnfiltered(string[] args, bool filtered)
    {
        var options = Options1D.Parse([.. args, "--smoke"])!;
        Assert.Equal(filtered, options.FilteredRandom);
        string SelectionOf(string method)
            => JsonNode.Parse(Comparison1D.Build(options, method, 0, Path.Combine(_directory, "never-created")).Fingerprint)!["selection"]!.ToJsonString();

        string paper = SelectionOf(Methods1D.AdversarialPaper);
        Assert.Equal(filtered, SelectionOf(Methods1D.RandomDisplacement) == paper);
        Assert.NotEqual(paper, SelectionOf(Methods1D.Uniform)); // uniform sampling never has the threshold
        var error = Assert.Throws<ArgumentException>(() => Options1D.Parse(["--random-selection", "some"]));
        Assert.Equal("--random-selection takes threshold or unfiltered; found 'some'.", error.Message);
    }

    [Fact]
    [Trait("Category", "Acceptance")]
    public async Task RunAsync_Smoke_WritesEveryContractKeyPlotsAndLabelledDataAndReusesFinishedLoops()
    {
        TorchSharp.torch.set_num_threads(1);
        var options = Options1D.Parse(["--smoke", "--out", _directory])!;
        using var log = new StringWriter();
        await Comparison1D.RunAsync(options, log, CancellationToken.None);

        var results = SmokeResults.AssertContract(_directory, Methods1D.All, options.Generations, options.Labels);
        foreach (string png in new[] { "curves.png", "rmse-energy-low.png" })
        {
            Assert.True(new FileInfo(Path.Combine(_directory, png)).Length > 5000);
        }

        // A second run reuses every finished loop: its measurements file is not rewritten.
        string metrics = Path.Combine(_directory, "runs", Methods1D.Uniform, "loop-00", "metrics.json");
        var written = File.GetLastWriteTimeUtc(metrics);
        using var again = new StringWriter();
        await Comparison1D.RunAsync(options, again, CancellationToken.None);
        Assert.Equal(written, File.GetLastWriteTimeUtc(metrics));
        Assert.Equal(results["perSeed"]!.ToJsonString(), JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "results.json")))!["perSeed"]!.ToJsonString());
    }
}
