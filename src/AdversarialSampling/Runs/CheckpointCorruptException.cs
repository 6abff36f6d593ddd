namespace AdversarialSampling.Runs;

/// <summary>
/// A checkpoint or export file does not match the SHA-256 and size recorded in the run store (torn, truncated,
/// replaced or missing), and no good previous copy exists. Nothing was loaded from it.
/// </summary>
public class CheckpointCorruptException : RunStoreException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointCorruptException()
        : base("A checkpoint file does not match its recorded hash.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, naming the file.</param>
    public CheckpointCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, naming the file.</param>
    /// <param name="innerException">The underlying error.</param>
    public CheckpointCorruptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedSha256">Recorded SHA-256 (hex).</param>
    /// <param name="expectedSize">Recorded size (bytes).</param>
    /// <param name="foundSha256">SHA-256 of the file found (hex), or null if it is missing.</param>
    /// <param name="foundSize">Size of the file found (bytes), or null if it is missing.</param>
    public CheckpointCorruptException(string path, string expectedSha256, long expectedSize, string? foundSha256, long? foundSize)
        : base(
            $"Checkpoint file '{path}' does not match the run store: expected {expectedSize} bytes with SHA-256 {expectedSha256}, "
            + (foundSha256 is null ? "found no file" : $"found {foundSize} bytes with SHA-256 {foundSha256}")
            + ", and there is no good previous copy. Restore the file, or redo the phase that wrote it.")
    {
        FilePath = path;
        ExpectedSha256 = expectedSha256;
        ExpectedSize = expectedSize;
        FoundSha256 = foundSha256;
        FoundSize = foundSize;
    }

    /// <summary>The file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The recorded SHA-256 (hex), when known.</summary>
    public string? ExpectedSha256 { get; }

    /// <summary>The recorded size (bytes), when known.</summary>
    public long? ExpectedSize { get; }

    /// <summary>The SHA-256 of the file found (hex), or null when it is missing or unknown.</summary>
    public string? FoundSha256 { get; }

    /// <summary>The size of the file found (bytes), or null when it is missing or unknown.</summary>
    public long? FoundSize { get; }
}
