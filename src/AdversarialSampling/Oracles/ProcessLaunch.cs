using System.Collections.Immutable;

namespace AdversarialSampling.Oracles;

/// <summary>
/// One call of a <see cref="ProcessOracle"/> handed to an <see cref="IProcessLauncher"/>: run <see cref="Program"/>
/// with <see cref="Arguments"/> and <see cref="Environment"/> in a directory that holds the files
/// <see cref="WriteInputs"/> writes, standard input closed, standard output into <see cref="ProcessOracle.StdoutFileName"/>
/// and standard error into <see cref="ProcessOracle.StderrFileName"/> in that directory.
/// </summary>
public sealed record ProcessLaunch
{
    /// <summary>The oracle's name (e.g. "xtb"), for job names and messages.</summary>
    public required string OracleName { get; init; }

    /// <summary>The oracle-call key of the call (the same key the labelling engine records), for adoption after a crash.</summary>
    public required OracleCallKey Key { get; init; }

    /// <summary>Full path of the executable, as resolved on this machine.</summary>
    public required string Program { get; init; }

    /// <summary>The arguments, passed verbatim (no shell).</summary>
    public required ImmutableArray<string> Arguments { get; init; }

    /// <summary>Environment variables to set for the program (name, value), in order; later ones win.</summary>
    public required ImmutableArray<KeyValuePair<string, string>> Environment { get; init; }

    /// <summary>The oracle's wall-clock limit of one call (<see cref="ProcessOracleOptions.Timeout"/>), or null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// The labelling engine's context of the call (key, external-job-id recorder) when the oracle was called through
    /// <see cref="ICallContextOracle"/>; null for a plain <see cref="IOracle.LabelAsync"/> call.
    /// </summary>
    public OracleCallContext? Context { get; init; }

    /// <summary>Writes the program's input files into the given (existing, empty) directory; may throw <see cref="IOException"/>.</summary>
    public required Action<string> WriteInputs { get; init; }
}
