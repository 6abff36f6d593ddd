namespace AdversarialSampling.Cli.Config;

/// <summary>An <c>oracle</c> section of one <c>type</c> (see <see cref="OracleTypes"/>).</summary>
internal abstract record OracleConfig
{
    /// <summary>Creates the oracle.</summary>
    /// <param name="runDirectory">The run directory (full path), for scratch space.</param>
    /// <param name="problems">Where construction problems go (with the section's JSON path).</param>
    /// <param name="logging">Receives the oracle's log entries (the SLURM launcher's), or null.</param>
    /// <returns>The oracle, or null (problems recorded).</returns>
    public abstract IOracle? Create(string runDirectory, ConfigProblems problems, Microsoft.Extensions.Logging.ILoggerFactory? logging = null);
}
