using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Committees;

/// <summary>Log messages of committee training and storage (stable event ids 1001–1099).</summary>
internal static partial class CommitteeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Training a {Members}-member {Kind} committee on {Training} samples ({Validation} validation): up to {Epochs} epochs, batch {BatchSize}, learning rate {LearningRate}")]
    public static partial void TrainingStarted(ILogger logger, int members, string kind, int training, int validation, int epochs, int batchSize, double learningRate);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug,
        Message = "Epoch {Epoch}: training loss {TrainingLoss}, validation loss {ValidationLoss}, learning rate {LearningRate}")]
    public static partial void EpochCompleted(ILogger logger, int epoch, double trainingLoss, double validationLoss, double learningRate);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Validation loss plateaued at epoch {Epoch}; learning rate reduced to {LearningRate}")]
    public static partial void LearningRateReduced(ILogger logger, int epoch, double learningRate);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Training diverged in epoch {Epoch} (non-finite {What}); rolled back to the last good weights and halved the learning rate to {LearningRate} (rollback {Rollbacks})")]
    public static partial void DivergenceRolledBack(ILogger logger, int epoch, string what, double learningRate, int rollbacks);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error,
        Message = "Training diverged {Rollbacks} times; stopping at epoch {Epoch} with the last good weights")]
    public static partial void TrainingGaveUp(ILogger logger, int rollbacks, int epoch);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information,
        Message = "Early stopping at epoch {Epoch}: no member improved for {Patience} epochs")]
    public static partial void EarlyStopped(ILogger logger, int epoch, int patience);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information,
        Message = "Training finished after {Epochs} epochs in {Elapsed}; best validation loss per member: {BestLoss}")]
    public static partial void TrainingFinished(ILogger logger, int epochs, TimeSpan elapsed, string bestLoss);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information,
        Message = "Training cancelled at epoch {Epoch}")]
    public static partial void TrainingCancelled(ILogger logger, int epoch);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information,
        Message = "Training continues from its saved state after epoch {Epoch} (rollbacks so far {Rollbacks}, learning rate {LearningRate})")]
    public static partial void TrainingResumed(ILogger logger, int epoch, int rollbacks, double learningRate);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning,
        Message = "The saved training state is not used and training starts from the beginning: {Reason}")]
    public static partial void TrainingStateIgnored(ILogger logger, string reason);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning,
        Message = "The training state after epoch {Epoch} ({Bytes} bytes) is larger than one buffer can hold and is not saved; training goes on, and an interruption restarts it from epoch 1")]
    public static partial void TrainingStateTooLarge(ILogger logger, int epoch, long bytes);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Saved committee to {Directory} (weights {WeightsFile}, {Bytes} bytes)")]
    public static partial void CommitteeSaved(ILogger logger, string directory, string weightsFile, long bytes);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Loaded {Kind} committee with {Members} members from {Directory}")]
    public static partial void CommitteeLoaded(ILogger logger, string kind, int members, string directory);
}
