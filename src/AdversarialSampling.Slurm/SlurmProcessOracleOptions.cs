using AdversarialSampling.Oracles;
using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Slurm;

/// <summary>Turns the options of any process oracle (xtb included) into options that run each call as a SLURM job.</summary>
public static class SlurmProcessOracleOptions
{
    /// <summary>
    /// A copy of <paramref name="options"/> whose <see cref="ProcessOracleOptions.Launcher"/> is a new
    /// <see cref="SlurmLauncher"/>: <c>new XtbOracle(new XtbOptions { Threads = 4 }.WithSlurm(new SlurmOptions { WorkRoot = "/scratch/me/run1", CpusPerTask = 4 }))</c>.
    /// </summary>
    /// <typeparam name="TOptions">The oracle's options type (e.g. <c>XtbOptions</c>).</typeparam>
    /// <param name="options">The oracle's options.</param>
    /// <param name="slurm">The SLURM options (validated).</param>
    /// <param name="logger">Optional logger of the launcher.</param>
    /// <returns>The options with the launcher set.</returns>
    /// <exception cref="ArgumentException">Invalid SLURM options.</exception>
    public static TOptions WithSlurm<TOptions>(this TOptions options, SlurmOptions slurm, ILogger? logger = null)
        where TOptions : ProcessOracleOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        ProcessOracleOptions copy = (ProcessOracleOptions)options with { Launcher = new SlurmLauncher(slurm, logger) };
        return (TOptions)copy;
    }
}
