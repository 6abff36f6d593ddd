using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Loop;

/// <summary>Log messages of the active-learning loop (stable event ids 1301–1320).</summary>
internal static partial class LoopLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Starting run in {RunDirectory}: {Generations} generations, seed {Seed}")]
    public static partial void RunStarted(ILogger logger, string runDirectory, int generations, int seed);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Resuming run in {RunDirectory}: {Phases} phases already committed")]
    public static partial void RunResumed(ILogger logger, string runDirectory, int phases);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Generation {Generation}: {Phase} started")]
    public static partial void PhaseStarted(ILogger logger, int generation, LoopPhase phase);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Generation {Generation}: {Phase} committed in {Seconds:F2} s")]
    public static partial void PhaseCompleted(ILogger logger, int generation, LoopPhase phase, double seconds);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Debug, Message = "Generation {Generation}: {Phase} already committed, skipped")]
    public static partial void PhaseSkipped(ILogger logger, int generation, LoopPhase phase);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information,
        Message = "Generation {Generation}: {LabelsAdded} labels added, dataset {DatasetSize}, validation RMSE {EnergyRmse:G4} eV / {ForceRmse:G4} eV/Å")]
    public static partial void GenerationReported(ILogger logger, int generation, int labelsAdded, int datasetSize, double energyRmse, double forceRmse);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Generation {Generation}: run stopped: {Message}")]
    public static partial void RunStopped(ILogger logger, int generation, string message);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "Generation {Generation}: labelling paused: {Reason}")]
    public static partial void Paused(ILogger logger, int generation, string reason);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "Generation {Generation}: committee training diverged ({Rollbacks} rollbacks); keeping its best weights")]
    public static partial void TrainingDiverged(ILogger logger, int generation, int rollbacks);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Debug, Message = "Generation {Generation}: committee loaded from its verified checkpoint")]
    public static partial void CheckpointLoaded(ILogger logger, int generation);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Generation {Generation}: {Excluded} labels above the energy ceiling {Ceiling:G6} eV are kept but not trained on")]
    public static partial void ExcludedByCeiling(ILogger logger, int generation, int excluded, double ceiling);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Generation {Generation}: committee retrained (not checkpointable) to resume")]
    public static partial void CommitteeRetrained(ILogger logger, int generation);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Warning, Message = "Generation {Generation}: the committee kept early weights (median best epoch {MedianBestEpoch} of at most {MaxEpochs}) by validation on {ValidationSize} samples; best-validation selection may be keeping barely trained members. See docs/active-learning-loop.md (\"Validating on new labels\"): training without a validation split (TrainFraction 1, ValidationFraction 0) avoids it where labels are exact")]
    public static partial void EarlyBestEpochs(ILogger logger, int generation, double medianBestEpoch, int maxEpochs, int validationSize);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Debug, Message = "Generation {Generation}: training state saved after epoch {Epoch} ({Bytes} bytes)")]
    public static partial void TrainingStateSaved(ILogger logger, int generation, int epoch, int bytes);

    [LoggerMessage(EventId = 1316, Level = LogLevel.Warning, Message = "Generation {Generation}: the saved training state failed verification and is not used; training starts from epoch 1. {Problem}")]
    public static partial void TrainingStateUnreadable(ILogger logger, int generation, string problem);

    [LoggerMessage(EventId = 1317, Level = LogLevel.Warning, Message = "Generation {Generation}: the training state after epoch {Epoch} could not be saved ({Problem}); training goes on, and a resume would continue from the last state saved before")]
    public static partial void TrainingStateNotSaved(ILogger logger, int generation, int epoch, string problem);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Warning, Message = "Loop configuration: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);
}
