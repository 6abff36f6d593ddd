namespace AdversarialSampling.Oracles;

/// <summary>The end of one run of an external program.</summary>
/// <param name="Ending">How it ended.</param>
/// <param name="ExitCode">The exit code when it exited on its own, otherwise -1.</param>
/// <param name="Elapsed">Wall-clock time from start to end.</param>
internal sealed record ProcessRunResult(ProcessRunEnding Ending, int ExitCode, TimeSpan Elapsed);
