namespace AdversarialSampling.Committees;

/// <summary>A saved committee could not be read: a file is missing, truncated, corrupt, foreign or inconsistent. The message names the file.</summary>
public sealed class CommitteeFormatException : FormatException
{
    /// <summary>Creates an exception without details.</summary>
    public CommitteeFormatException()
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CommitteeFormatException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CommitteeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an exception about one file: the message is "<paramref name="filePath"/>: <paramref name="problem"/>".</summary>
    /// <param name="filePath">The offending file.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">Optional cause.</param>
    public CommitteeFormatException(string filePath, string problem, Exception? innerException)
        : base($"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file the problem was found in (empty if not about one file).</summary>
    public string FilePath { get; }
}
