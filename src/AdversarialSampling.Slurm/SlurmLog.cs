using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Slurm;

/// <summary>Log messages of the SLURM dispatcher.</summary>
internal static partial class SlurmLog
{
    [LoggerMessage(1, LogLevel.Information, "Submitted SLURM job {JobId} for oracle call {Key}")]
    public static partial void Submitted(ILogger logger, string jobId, string key);

    [LoggerMessage(2, LogLevel.Information, "Adopted SLURM job {JobId} ({State}) of oracle call {Key}")]
    public static partial void Adopted(ILogger logger, string jobId, string state, string key);

    [LoggerMessage(3, LogLevel.Information, "Harvested the manifest of oracle call {Key} (job {JobId}, exit code {ExitCode})")]
    public static partial void Harvested(ILogger logger, string key, string jobId, int exitCode);

    [LoggerMessage(4, LogLevel.Warning, "SLURM job id {JobId} recorded for oracle call {Key} now belongs to job '{OtherName}' (id reused after a controller restart); it is ignored")]
    public static partial void ForeignJob(ILogger logger, string jobId, string key, string otherName);

    [LoggerMessage(5, LogLevel.Warning, "The SLURM controller is unreachable ({Problem}); retrying")]
    public static partial void ControllerUnreachable(ILogger logger, string problem);

    [LoggerMessage(6, LogLevel.Warning, "No live SLURM job and no manifest for oracle call {Key}: submitting again")]
    public static partial void Resubmitting(ILogger logger, string key);

    [LoggerMessage(7, LogLevel.Warning, "Ignoring a manifest for oracle call {Key}: {Problem}")]
    public static partial void BadManifest(ILogger logger, string key, string problem);

    [LoggerMessage(9, LogLevel.Warning, "SLURM job {JobId} of oracle call {Key} could not be recorded in the run store: {Problem}")]
    public static partial void JobIdNotRecorded(ILogger logger, string jobId, string key, string problem);

    [LoggerMessage(8, LogLevel.Information, "Cancelled the SLURM jobs of oracle call {Key}")]
    public static partial void Cancelled(ILogger logger, string key);

    [LoggerMessage(10, LogLevel.Warning, "SLURM held job {JobId} of oracle call {Key} ({Reason}), so it would never start: cancelled it, and the call submits a new job")]
    public static partial void SystemHeldJobReplaced(ILogger logger, string jobId, string key, string reason);

    [LoggerMessage(11, LogLevel.Warning, "SLURM job {JobId} of oracle call {Key} is held ({Reason}); the call waits until it is released (scontrol release {JobId}) or cancelled")]
    public static partial void HeldJobWaiting(ILogger logger, string jobId, string key, string reason);
}
