using AdversarialSampling.Committees;
using AdversarialSampling.Runs;
using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Loop;

/// <summary>
/// The training state of generation g's committee in the run directory, <c>checkpoints/gen-NNN/training-state.bin</c>,
/// written atomically with its SHA-256 recorded in the run store (<see cref="CheckpointFiles"/>, which keeps the previous
/// good copy until the new one is recorded). A state that fails verification is not used: training starts from epoch 1,
/// with a warning. A save that fails (disk full) is skipped with a warning; training goes on. The record is removed in
/// the transaction that commits the train phase, the file right after.
/// </summary>
internal sealed class LoopTrainingState(RunStore store, int generation, TimeSpan interval, ILogger logger) : ITrainingStateStore
{
    /// <summary>The checkpoint name of the training state.</summary>
    public const string FileName = "training-state.bin";

    /// <inheritdoc />
    public TimeSpan Interval => interval;

    /// <inheritdoc />
    public byte[]? Load()
    {
        if (store.GetCheckpoint(generation, FileName) is null)
        {
            return null;
        }

        try
        {
            return new CheckpointFiles(store).ReadAllBytes(generation, FileName);
        }
        catch (CheckpointCorruptException e)
        {
            LoopLog.TrainingStateUnreadable(logger, generation, e.Message);
            return null;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A save that fails for a reason outside the run (disk full, I/O error) is logged (warning 1317) and training goes on:
    /// the state only shortens a resume, and it is about four times the size of the committee checkpoint that training
    /// must still write. The previous saved state stays recorded and loadable (<see cref="CheckpointFiles"/> keeps it).
    /// </remarks>
    public void Save(byte[] state, int epoch)
    {
        try
        {
            new CheckpointFiles(store).WriteBytes(generation, FileName, state);
            LoopLog.TrainingStateSaved(logger, generation, epoch, state.Length);
        }
        catch (Exception e) when (LoopRunner.IsInfrastructure(e) || e is UnauthorizedAccessException)
        {
            LoopLog.TrainingStateNotSaved(logger, generation, epoch, e.Message);
        }
    }

    /// <summary>The latest generation's recorded state, its epoch read from the file's header (see <see cref="ActiveLearningLoop.ReadSavedTrainingState"/>).</summary>
    public static SavedTrainingState? ReadSaved(RunStore store)
        => store.GetCheckpoints().Where(c => c.Name == FileName).MaxBy(c => c.Generation) is { } record
            ? new SavedTrainingState(record.Generation, TrainingState.ReadEpoch(new CheckpointFiles(store).PathOf(record)), record.RecordedUtc)
            : null;

    /// <summary>Removes the state's record (call inside the transaction that commits the train phase).</summary>
    public static void Forget(RunStoreWriter writer, int generation) => writer.RemoveCheckpoint(generation, FileName);

    /// <summary>Deletes the state's file (call after that transaction).</summary>
    public static void DeleteFile(RunStore store, int generation) => new CheckpointFiles(store).DeleteFile(generation, FileName);
}
