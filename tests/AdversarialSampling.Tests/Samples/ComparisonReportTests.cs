using System.Text.Json.Nodes;
using AdversarialSampling.Samples.DoubleWell;

namespace AdversarialSampling.Tests.Samples;

public sealed class ComparisonReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dw-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static LoopMetrics Loop(string method, int loop, double rmse, DateTime start) => new()
    {
        Method = method,
        Loop = loop,
        Seed = loop,
        Settings = "test",
        StartedUtc = start,
        EndedUtc = start.AddSeconds(30),
        Generations = [.. Enumerable.Range(0, 3).Select(g => new GenerationMetrics
        {
            Method = method,
            Loop = loop,
            Seed = loop,
            Generation = g,
            Errors = new GridErrors(rmse / (g + 1), rmse, rmse, rmse),
            LabelsSoFar = g == 0 ? LabelStatistics.None : new LabelStatistics(5 * g, -1, 3, 1, 0),
            NewLabels = g == 0 ? 0 : 5,
            NewLabelPoints = g == 0 ? [] : [-0.5 + (0.3 * g), 0.1 * loop, 0.2, -0.2],
        })],
    };

    [Fact]
    public void Write_CollectedLoops_WritesResultsAndPngPlotsAndSpansTheWallTime()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (method, loop, rmse, offset) in new[] { (MethodKeys.Uniform, 0, 0.1, 0), (MethodKeys.Uniform, 1, 0.2, 40), (MethodKeys.AdversarialPaper, 0, 0.3, 0), (MethodKeys.AdversarialPaper, 1, 0.4, 40) })
        {
            string dir = Path.Combine(_directory, "runs", method, $"loop-0{loop}");
            Directory.CreateDirectory(dir);
            Loop(method, loop, rmse, start.AddSeconds(offset)).Write(Path.Combine(dir, "metrics.json"));
        }

        var loops = ComparisonReport.Collect(_directory);
        Assert.Equal([MethodKeys.AdversarialPaper, MethodKeys.AdversarialPaper, MethodKeys.Uniform, MethodKeys.Uniform], loops.Select(l => l.Method));
        Assert.Equal(3, loops[0].Generations.Count);
        Assert.True(double.IsNaN(loops[0].Generations[0].LabelsSoFar.MeanEnergy));

        var document = ComparisonReport.Write(_directory, loops, new JsonObject());
        Assert.Equal(2, (int)document["loops"]!);
        Assert.Equal(60, (double)document["wallSeconds"]!);   // [0, 30] ∪ [40, 70] s: the 10 s gap is not counted
        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "results.json")))!;
        Assert.Equal(0.15, (double)written["methods"]![MethodKeys.Uniform]!["generations"]![0]!["energyRmseLowMedian"]!, 12);
        Assert.Contains("| uniform | 0 |", File.ReadAllText(Path.Combine(_directory, "tables.md")), StringComparison.Ordinal);
        foreach (string png in new[] { "surface.png", "rmse-energy-low.png", "rmse-energy-grid.png", "rmse-force-low.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(_directory, png));
            Assert.True(bytes.Length > 5000, $"{png} has {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
    }

    [Fact]
    public void Collect_NoRuns_IsEmpty() => Assert.Empty(ComparisonReport.Collect(_directory));

    [Fact]
    public void BusySeconds_OverlappingAndDisjointLoops_CountsTheUnionOnce()
    {
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        LoopMetrics At(double start, double end) => Loop(MethodKeys.Uniform, 0, 0.1, t0.AddSeconds(start)) with { EndedUtc = t0.AddSeconds(end) };
        Assert.Equal(0, ComparisonReport.BusySeconds([]));
        Assert.Equal(90, ComparisonReport.BusySeconds([At(50, 100), At(0, 30), At(10, 20), At(60, 110)]));
    }
}
