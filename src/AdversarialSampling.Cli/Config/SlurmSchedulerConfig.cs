using AdversarialSampling.Slurm;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// <c>"scheduler": {"type": "slurm", ...}</c> inside a process-oracle section (xtb): every oracle call runs as a SLURM
/// batch job (<see cref="SlurmLauncher"/>). Keys: <c>workRoot</c> (directory on a filesystem the compute nodes share,
/// relative to the run directory; default <c>slurm</c> inside the run directory), <c>partition</c> (default the
/// cluster's), <c>timeLimitMinutes</c> (default the partition's), <c>cpusPerTask</c> (default 1), <c>memoryMb</c>
/// (default the partition's), <c>extraDirectives</c> (extra <c>#SBATCH</c> arguments, e.g. <c>"--qos=short"</c>),
/// <c>setupLines</c> (shell lines run before the program, e.g. <c>"module load xtb"</c>), <c>pollIntervalSeconds</c>
/// (default 15), <c>useAccounting</c> (ask <c>sacct</c>; default true).
/// </summary>
/// <param name="Path">The scheduler object's JSON path.</param>
/// <param name="Inner">The oracle whose calls are dispatched.</param>
/// <param name="Options">The SLURM options (work root still relative).</param>
internal sealed record SlurmSchedulerConfig(string Path, XtbOracleConfig Inner, SlurmOptions Options) : OracleConfig
{
    /// <summary>Reads the scheduler object (its <c>type</c> was read).</summary>
    /// <param name="o">The scheduler object.</param>
    /// <param name="inner">The oracle section's configuration.</param>
    /// <returns>The configuration, or null (problems recorded).</returns>
    public static OracleConfig? Read(ConfigObject o, OracleConfig inner)
    {
        var d = new SlurmOptions();
        double? minutes = o.Number("timeLimitMinutes");
        if (minutes is double m && !(m >= 1 && m < 1e7))
        {
            o.Problem("timeLimitMinutes", $"must be at least 1 minute (SLURM's resolution); found {m}.");
            minutes = null;
        }

        double? poll = o.Number("pollIntervalSeconds");
        if (poll is double p && !(p > 0 && p < 1e6))
        {
            o.Problem("pollIntervalSeconds", $"must be a positive number of seconds; found {p}.");
            poll = null;
        }

        var options = d with
        {
            WorkRoot = o.String("workRoot") ?? "slurm",
            Partition = o.String("partition"),
            TimeLimit = minutes is double tm ? TimeSpan.FromMinutes(tm) : null,
            CpusPerTask = o.Int("cpusPerTask") ?? d.CpusPerTask,
            MemoryMb = o.Int("memoryMb"),
            ExtraDirectives = o.Strings("extraDirectives") ?? d.ExtraDirectives,
            SetupLines = o.Strings("setupLines") ?? d.SetupLines,
            PollInterval = poll is double ps ? TimeSpan.FromSeconds(ps) : d.PollInterval,
            UseAccounting = o.Bool("useAccounting") ?? d.UseAccounting,
        };
        if (inner is not XtbOracleConfig xtb)
        {
            o.Problem("type", $"the slurm scheduler dispatches process oracles (xtb); this oracle runs in process.");
            return null;
        }

        return new SlurmSchedulerConfig(o.Path, xtb, options);
    }

    /// <inheritdoc />
    public override IOracle? Create(string runDirectory, ConfigProblems problems, Microsoft.Extensions.Logging.ILoggerFactory? logging = null)
    {
        var slurm = Options with { WorkRoot = System.IO.Path.GetFullPath(Options.WorkRoot!, runDirectory) };
        var xtb = Inner.Options.ScratchRoot is null ? Inner.Options : Inner.Options with { ScratchRoot = System.IO.Path.GetFullPath(Inner.Options.ScratchRoot, runDirectory) };
        return problems.Try<IOracle>(Path, () => new Xtb.XtbOracle(xtb.WithSlurm(slurm, logging?.CreateLogger("AdversarialSampling.Slurm"))));
    }
}
