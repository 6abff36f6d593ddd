using AdversarialSampling.Loop;
using AdversarialSampling.Tests.Runs;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// The uninterrupted run of the tiny double-well loop (seed 3, 2 generations), made once per test process and shared:
/// its reports, and the run directory (never modified by tests; deleted when the process exits).
/// </summary>
internal sealed class TinyLoopReference
{
    private static readonly Lazy<Task<TinyLoopReference>> Instance = new(CreateAsync);

    private TinyLoopReference(string runDirectory, IReadOnlyList<GenerationReport> reports)
    {
        RunDirectory = runDirectory;
        Reports = reports;
    }

    public string RunDirectory { get; }

    public IReadOnlyList<GenerationReport> Reports { get; }

    public string FinalHash => Reports[^1].DatasetHash;

    public static Task<TinyLoopReference> GetAsync() => Instance.Value;

    /// <summary>A report as JSON without its timings (the only part allowed to differ between identical runs).</summary>
    public static string WithoutTimings(GenerationReport report) => (report with { PhaseTimings = System.Collections.Immutable.ImmutableSortedDictionary<LoopPhase, TimeSpan>.Empty }).ToJson();

    public static async Task<List<GenerationReport>> Collect(IAsyncEnumerable<GenerationReport> reports)
    {
        var list = new List<GenerationReport>();
        await foreach (var r in reports)
        {
            list.Add(r);
        }

        return list;
    }

    private static async Task<TinyLoopReference> CreateAsync()
    {
        string root = RunTestKit.NewDirectory("loop-reference-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunTestKit.DeleteDirectory(root);
        string run = Path.Combine(root, "run");
        var reports = await Collect(LoopTestKit.TinyDoubleWell(run).Build().RunAsync());
        return new TinyLoopReference(run, reports);
    }
}
