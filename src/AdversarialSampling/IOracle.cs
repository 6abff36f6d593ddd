using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling;

/// <summary>
/// The expensive ground truth (DFT, xtb, an analytic potential) that labels a geometry with energy (eV)
/// and forces (eV/Å). Calls are asynchronous and cancellable. An oracle never throws for a failed
/// calculation: it returns an <see cref="OracleOutcome"/> carrying a typed <see cref="OracleFailure"/>.
/// </summary>
public interface IOracle
{
    /// <summary>
    /// Identity used in oracle-call keys: name, version and the settings that change results
    /// (never paths, queue names or timings).
    /// </summary>
    OracleIdentity Identity { get; }

    /// <summary>Labels one structure.</summary>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <param name="cancellationToken">Cancellation; an in-flight external process is killed.</param>
    /// <returns>A labelled sample or a typed failure.</returns>
    Task<OracleOutcome> LabelAsync(AtomicStructure structure, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks that the oracle can run at all (executable present, settings valid) before a loop starts.
    /// Default: no check (null).
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Null if usable, otherwise a <see cref="OracleFailureKind.SetupError"/> failure.</returns>
    Task<OracleFailure?> CheckSetupAsync(CancellationToken cancellationToken = default) => Task.FromResult<OracleFailure?>(null);
}
