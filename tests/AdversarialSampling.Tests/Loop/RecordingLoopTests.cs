using AdversarialSampling.Loop;
using AdversarialSampling.Tests.Runs;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// Shared fixture of the fast loop tests with <see cref="RecordingCommittee"/>: a fresh temporary root per test (deleted
/// afterwards), the committee record reset, and a helper that runs a report stream to its end.
/// </summary>
public abstract class RecordingLoopTests : IDisposable
{
    /// <summary>Creates the fixture.</summary>
    /// <param name="prefix">Prefix of the temporary root's name.</param>
    protected RecordingLoopTests(string prefix)
    {
        Root = RunTestKit.NewDirectory(prefix);
        RecordingCommittee.Reset();
    }

    /// <summary>The temporary root of this test.</summary>
    protected string Root { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        RunTestKit.DeleteDirectory(Root);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the stream to its end and returns every report.</summary>
    /// <param name="reports">The stream.</param>
    /// <returns>The reports.</returns>
    protected static async Task<List<GenerationReport>> Collect(IAsyncEnumerable<GenerationReport> reports)
    {
        var list = new List<GenerationReport>();
        await foreach (var r in reports)
        {
            list.Add(r);
        }

        return list;
    }
}
