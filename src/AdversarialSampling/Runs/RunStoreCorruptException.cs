namespace AdversarialSampling.Runs;

/// <summary>
/// The run store's database is damaged, truncated, empty or not a database at all. Nothing was read from it as
/// if it were valid. The message names the file and what to do (restore the run directory from a backup, or
/// start a new run; the per-generation exports and checkpoints next to it are still verified separately).
/// </summary>
public class RunStoreCorruptException : RunStoreException
{
    /// <summary>Creates the exception.</summary>
    public RunStoreCorruptException()
        : base("The run store is corrupt.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public RunStoreCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error.</param>
    public RunStoreCorruptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
