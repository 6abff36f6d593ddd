using AdversarialSampling.Structures;

namespace AdversarialSampling.Oracles;

/// <summary>
/// An oracle that wants to know the labelling engine's view of a call (<see cref="OracleCallContext"/>): its key and a
/// way to record an external job id in the run store. The engine calls <see cref="LabelWithContextAsync"/> instead of
/// <see cref="IOracle.LabelAsync"/> when an oracle implements it; everything else treats it as a plain
/// <see cref="IOracle"/>. <see cref="ProcessOracle"/> implements it and passes the context to its
/// <see cref="IProcessLauncher"/> (<see cref="ProcessLaunch.Context"/>).
/// </summary>
public interface ICallContextOracle : IOracle
{
    /// <summary>Labels one structure, like <see cref="IOracle.LabelAsync"/>, knowing the call's context.</summary>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <param name="context">The call's key and job-id recorder.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A labelled sample or a typed failure.</returns>
    Task<OracleOutcome> LabelWithContextAsync(AtomicStructure structure, OracleCallContext context, CancellationToken cancellationToken = default);
}
