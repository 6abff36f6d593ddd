namespace AdversarialSampling.Oracles;

/// <summary>How a call run by an <see cref="IProcessLauncher"/> ended: the program exited (with a code), or the call failed.</summary>
public sealed record ProcessLaunchResult
{
    private ProcessLaunchResult(string directory, int? exitCode, OracleFailure? failure, TimeSpan elapsed)
    {
        Directory = directory;
        ExitCode = exitCode;
        Failure = failure;
        Elapsed = elapsed;
    }

    /// <summary>The directory holding the input and output files (full path).</summary>
    public string Directory { get; }

    /// <summary>The program's exit code when it ended on its own; null when <see cref="Failure"/> is set.</summary>
    public int? ExitCode { get; }

    /// <summary>Why the call failed before the program could end on its own (timeout, cancellation, scheduler trouble); otherwise null.</summary>
    public OracleFailure? Failure { get; }

    /// <summary>Wall-clock time of the program's run (or of the attempt), for messages.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The program exited on its own; the oracle classifies the exit code and parses the outputs.</summary>
    /// <param name="directory">The directory holding the outputs (full path).</param>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="elapsed">The program's run time.</param>
    /// <returns>The result.</returns>
    public static ProcessLaunchResult Exited(string directory, int exitCode, TimeSpan elapsed)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return new(directory, exitCode, null, elapsed);
    }

    /// <summary>The call failed; the oracle returns <paramref name="failure"/> as it is.</summary>
    /// <param name="directory">The call's directory (full path; it may hold diagnostics).</param>
    /// <param name="failure">The failure.</param>
    /// <param name="elapsed">Time spent.</param>
    /// <returns>The result.</returns>
    public static ProcessLaunchResult Failed(string directory, OracleFailure failure, TimeSpan elapsed = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(failure);
        return new(directory, null, failure, elapsed);
    }
}
