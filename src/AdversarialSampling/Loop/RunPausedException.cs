using AdversarialSampling.Oracles;

namespace AdversarialSampling.Loop;

/// <summary>
/// The loop paused: infrastructure trouble (oracle unreachable, disk full, scheduler down) outlasted the retries
/// with backoff. Everything done so far is committed; fix the cause and call
/// <see cref="ActiveLearningLoop.ResumeAsync"/> to continue where it stopped (nothing is paid twice).
/// </summary>
public sealed class RunPausedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunPausedException()
        : base("The active-learning loop paused.")
    {
        Reason = new OracleFailure(OracleFailureKind.Infrastructure, Message);
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public RunPausedException(string message)
        : base(message)
    {
        Reason = new OracleFailure(OracleFailureKind.Infrastructure, message);
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RunPausedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = new OracleFailure(OracleFailureKind.Infrastructure, message);
    }

    /// <summary>Creates the exception for a paused generation.</summary>
    /// <param name="generation">The generation that paused.</param>
    /// <param name="reason">Why (the last infrastructure failure).</param>
    /// <param name="runDirectory">The run directory to resume.</param>
    public RunPausedException(int generation, OracleFailure reason, string runDirectory)
        : this(generation, reason, runDirectory, null)
    {
    }

    /// <summary>Creates the exception for a paused generation, with the error that caused it.</summary>
    /// <param name="generation">The generation that paused.</param>
    /// <param name="reason">Why (the last infrastructure failure).</param>
    /// <param name="runDirectory">The run directory to resume.</param>
    /// <param name="innerException">The error (e.g. a failed commit on a full disk), or null.</param>
    public RunPausedException(int generation, OracleFailure reason, string runDirectory, Exception? innerException)
        : base($"The active-learning loop paused in generation {generation}: {reason?.Message} Everything done before is committed in '{runDirectory}'; fix the cause and call ResumeAsync to continue.", innerException)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Generation = generation;
        Reason = reason;
    }

    /// <summary>The generation that paused (−1 when unknown).</summary>
    public int Generation { get; } = -1;

    /// <summary>The infrastructure failure that caused the pause.</summary>
    public OracleFailure Reason { get; }
}
