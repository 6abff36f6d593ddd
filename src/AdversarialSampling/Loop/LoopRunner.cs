using AdversarialSampling.Runs;

namespace AdversarialSampling.Loop;

/// <summary>One enumeration of a loop: the open store and the generation/phase state machine.</summary>
internal sealed class LoopRunner : IDisposable
{
    public static Task<LoopRunner> StartAsync(ActiveLearningLoop loop, bool resume, CancellationToken cancellationToken)
        => throw new NotImplementedException("ActiveLearningLoop.RunAsync is not implemented yet.");

    public static IReadOnlyList<GenerationReport> ReadReports(RunStore store)
        => [.. store.GetPhases().Where(p => p.Phase == "report" && p.PayloadJson is not null).Select(p => GenerationReport.FromJson(p.PayloadJson!))];

    private bool _disposed;

    public async IAsyncEnumerable<GenerationReport> RunAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    public void Dispose() => _disposed = true;
}
