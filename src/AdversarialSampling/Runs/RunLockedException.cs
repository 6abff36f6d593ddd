namespace AdversarialSampling.Runs;

/// <summary>
/// Another process (or another open store in this process) holds the run directory: a run has one writer at a
/// time. The message names the directory and, when it is known, the holder's process id.
/// </summary>
public class RunLockedException : RunStoreException
{
    /// <summary>Creates the exception.</summary>
    public RunLockedException()
        : base("The run directory is locked by another writer.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, naming the directory.</param>
    public RunLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, naming the directory.</param>
    /// <param name="innerException">The underlying error.</param>
    public RunLockedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a directory.</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="holderProcessId">The holder's process id, if known.</param>
    /// <param name="innerException">The underlying error.</param>
    public RunLockedException(string runDirectory, int? holderProcessId, Exception? innerException)
        : base(
            $"The run directory '{runDirectory}' is in use by another writer"
            + (holderProcessId is int pid ? $" (process {pid})" : string.Empty)
            + ". A run has one writer at a time: stop that process, or wait for it to finish, then resume.",
            innerException)
    {
        RunDirectory = runDirectory;
        HolderProcessId = holderProcessId;
    }

    /// <summary>The run directory, when known.</summary>
    public string? RunDirectory { get; }

    /// <summary>The process id of the writer holding the directory, when known.</summary>
    public int? HolderProcessId { get; }
}
