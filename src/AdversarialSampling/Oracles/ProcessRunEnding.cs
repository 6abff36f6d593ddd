namespace AdversarialSampling.Oracles;

/// <summary>How a run of an external program ended.</summary>
internal enum ProcessRunEnding
{
    /// <summary>The program exited on its own (see the exit code).</summary>
    Exited,

    /// <summary>The time limit passed; the process tree was killed.</summary>
    TimedOut,

    /// <summary>The caller cancelled; the process tree was killed.</summary>
    Cancelled,
}
