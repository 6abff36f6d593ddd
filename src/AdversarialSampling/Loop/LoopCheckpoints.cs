using AdversarialSampling.Committees;
using AdversarialSampling.Runs;
using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Loop;

/// <summary>
/// Committee checkpoints of a loop run: a <see cref="TorchCommittee"/> saved with <see cref="CommitteeStore"/> into a
/// staging directory, then each file written atomically through <see cref="CheckpointFiles"/> into
/// <c>checkpoints/gen-NNN/</c> with its SHA-256 recorded in the run store (the manifest last, in the same transaction
/// as the train phase). Loading verifies both recorded hashes before <see cref="TorchCommittee.Load"/> (which checks
/// its own manifest hashes too).
/// </summary>
internal static class LoopCheckpoints
{
    private const string WeightsPrefix = "weights-";

    /// <summary>True when generation <paramref name="generation"/> has a recorded committee checkpoint.</summary>
    public static bool Exists(RunStore store, int generation) => store.GetCheckpoint(generation, CommitteeStore.ManifestFileName) is not null;

    public static void Save(RunStore store, int generation, TorchCommittee committee, Action<RunStoreWriter> commitWith)
    {
        var files = new CheckpointFiles(store);
        string staging = Path.Combine(store.RunDirectory, CheckpointFiles.CheckpointsDirectoryName, ".staging-" + CheckpointFiles.GenerationDirectoryName(generation));
        try
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            committee.Save(staging);
            string weights = Directory.EnumerateFiles(staging, WeightsPrefix + "*.bin").Select(Path.GetFileName).Single()!;
            files.WriteBytes(generation, weights, File.ReadAllBytes(Path.Combine(staging, weights)));
            files.WriteBytes(generation, CommitteeStore.ManifestFileName, File.ReadAllBytes(Path.Combine(staging, CommitteeStore.ManifestFileName)), commitWith);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    public static TorchCommittee Load(RunStore store, int generation, ILoggerFactory loggerFactory)
    {
        if (!Exists(store, generation))
        {
            throw new InvalidOperationException(
                $"Generation {generation} of the run in '{store.RunDirectory}' has no committee checkpoint (not trained yet, or its committee came from a factory that does not make TorchCommittees).");
        }

        var files = new CheckpointFiles(store);
        string manifest = files.GetVerifiedPath(generation, CommitteeStore.ManifestFileName);
        foreach (var record in store.GetCheckpoints(generation).Where(c => c.Name.StartsWith(WeightsPrefix, StringComparison.Ordinal)))
        {
            _ = files.GetVerifiedPath(generation, record.Name);
        }

        return TorchCommittee.Load(Path.GetDirectoryName(manifest)!, loggerFactory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover staging directory is harmless: it is replaced by the next save.
        }
    }
}
