namespace AdversarialSampling.Oracles;

/// <summary>
/// Runs the program of a <see cref="ProcessOracle"/> call somewhere else than in a local child process — for example as
/// a batch job of a cluster scheduler (package <c>AdversarialSampling.Slurm</c>). Set it as
/// <see cref="ProcessOracleOptions.Launcher"/>; the oracle still checks the input, writes the input files (through
/// <see cref="ProcessLaunch.WriteInputs"/>), classifies the exit code and parses the outputs exactly as for a local run,
/// so results are the same wherever the program ran.
/// </summary>
/// <remarks>
/// A launcher owns the directory of a call (<see cref="ProcessLaunchResult.Directory"/>): it may be a fixed directory
/// per <see cref="ProcessLaunch.Key"/>, so that a call interrupted by a crash of the calling process can be adopted
/// (waited for, harvested) by the next call with the same key instead of being paid again. The oracle deletes that
/// directory after a success, and after a failure other than a cancellation when
/// <see cref="ProcessOracleOptions.KeepFailedScratch"/> is false. Launchers must be thread-safe and must return
/// failures (never throw for them): <see cref="OracleFailureKind.Infrastructure"/> for trouble worth retrying later
/// (scheduler unreachable), <see cref="OracleFailureKind.Cancelled"/> when the token was cancelled.
/// </remarks>
public interface IProcessLauncher
{
    /// <summary>Runs (or adopts a run of) one call and waits until the program ended or the call failed.</summary>
    /// <param name="launch">What to run and where its inputs come from.</param>
    /// <param name="cancellationToken">Cancellation: stop the program (e.g. cancel the job) and return <see cref="OracleFailureKind.Cancelled"/>.</param>
    /// <returns>The directory holding the outputs and the exit code, or a failure.</returns>
    Task<ProcessLaunchResult> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken);
}
