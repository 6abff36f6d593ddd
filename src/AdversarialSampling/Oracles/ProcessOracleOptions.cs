using System.Globalization;

namespace AdversarialSampling.Oracles;

/// <summary>
/// Options of a <see cref="ProcessOracle"/>: where scratch directories go, how long a call may run, how much output
/// a failure carries and which result check applies. None of them enters the oracle identity (paths and timings never
/// change a result). Immutable; derive a record to add a program's own options (see <c>XtbOptions</c>).
/// </summary>
public record ProcessOracleOptions
{
    /// <summary>Default <see cref="OutputTailLines"/> (20 lines).</summary>
    public const int DefaultOutputTailLines = 20;

    /// <summary>
    /// Directory under which every call gets its own fresh scratch directory; created when missing. Default null:
    /// <see cref="ProcessOracle.DefaultScratchRoot"/> (<c>Path.GetTempPath()/adversarial-sampling-oracle</c>). Put it on
    /// a local disk: programs write their scratch files there.
    /// </summary>
    public string? ScratchRoot { get; init; }

    /// <summary>
    /// Keep the scratch directory of a failed call (timeout, crash, parse error, unphysical result) for inspection;
    /// its path is then named in the failure message. Default true. Successful and cancelled calls always delete theirs.
    /// </summary>
    public bool KeepFailedScratch { get; init; } = true;

    /// <summary>
    /// Wall-clock limit of one call; when it passes, the whole process tree is killed and the call fails with
    /// <see cref="OracleFailureKind.Timeout"/>. Default null: no limit (set one for unattended runs).
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Lines of standard output (and, separately, of standard error) kept as <see cref="OracleFailure.OutputTail"/>
    /// of a failure and given to <see cref="ProcessOracle.ClassifyFailure"/>; 1 … 10000, default 20.
    /// </summary>
    public int OutputTailLines { get; init; } = DefaultOutputTailLines;

    /// <summary>
    /// The check every parsed result passes before it becomes a label; a result that fails it is an
    /// <see cref="OracleFailureKind.UnphysicalResult"/>. Default <c>new PhysicsGate()</c> (per-atom force norm
    /// ≤ 100 eV/Å, the labelling engine's default too); null: no check beyond finiteness.
    /// </summary>
    public PhysicsGate? ResultGate { get; init; } = new();

    /// <summary>
    /// Extra environment variables of every call (e.g. a licence server), applied after the program's own
    /// (<see cref="ProcessOracle.GetEnvironment"/>), so they override them. Default null: none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// Runs each call's program somewhere else than in a local child process, e.g. as a SLURM batch job
    /// (<c>AdversarialSampling.Slurm</c>). Default null: a local child process in a fresh scratch directory. With a
    /// launcher, <see cref="ScratchRoot"/> and <see cref="Timeout"/> are the launcher's business (see its documentation);
    /// input checks, input files, exit-code classification and parsing are the same as for a local run.
    /// </summary>
    public IProcessLauncher? Launcher { get; init; }

    /// <summary>Checks every option and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid (all named).</exception>
    public void Validate()
    {
        var problems = new List<string>();
        AddProblems(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {GetType().Name}: " + string.Join(" ", problems));
        }
    }

    /// <summary>Adds a sentence per invalid option; derived records call the base and add their own.</summary>
    /// <param name="problems">The list to add to.</param>
    protected virtual void AddProblems(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (ScratchRoot is not null && string.IsNullOrWhiteSpace(ScratchRoot))
        {
            problems.Add("ScratchRoot must be null (the default) or a directory path.");
        }

        if (Timeout is { } t && t <= TimeSpan.Zero)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Timeout must be positive or null (found {t})."));
        }

        if (OutputTailLines is < 1 or > 10000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"OutputTailLines must be in 1 … 10000 (found {OutputTailLines})."));
        }

        if (Environment is not null && Environment.Keys.Any(k => string.IsNullOrEmpty(k) || k.Contains('=', StringComparison.Ordinal)))
        {
            problems.Add("Environment variable names must be non-empty and contain no '='.");
        }
    }
}
