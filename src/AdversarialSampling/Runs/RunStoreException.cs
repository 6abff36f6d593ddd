namespace AdversarialSampling.Runs;

/// <summary>
/// A run store could not be used: the directory has no store (or already has one), the store was written by a
/// newer version, or writing it failed (disk full, I/O error; retrying later may succeed). The message names the
/// file and what to do. Base of the more specific run-store exceptions.
/// </summary>
public class RunStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunStoreException()
        : base("The run store could not be used.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the file.</param>
    public RunStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the file.</param>
    /// <param name="innerException">The underlying error.</param>
    public RunStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
