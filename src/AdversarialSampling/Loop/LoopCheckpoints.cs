using AdversarialSampling.Committees;
using AdversarialSampling.Runs;
using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Loop;

/// <summary>Committee checkpoints of a loop run: saved through <see cref="CheckpointFiles"/> (SHA-256 in the store) and verified on load.</summary>
internal static class LoopCheckpoints
{
    public static TorchCommittee Load(RunStore store, int generation, ILoggerFactory loggerFactory)
        => throw new NotImplementedException();
}
