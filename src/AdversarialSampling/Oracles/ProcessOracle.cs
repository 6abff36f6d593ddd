using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Oracles;

/// <summary>
/// An <see cref="IOracle"/> that runs an external program once per structure: write the input files, run the program,
/// parse its output, classify what went wrong. Derive from it to wrap a quantum-chemistry code (xtb, ORCA, Psi4,
/// CP2K, VASP) in a page of code: implement <see cref="Name"/>, <see cref="Program"/>, <see cref="GetArguments"/>,
/// <see cref="WriteInputs"/>, <see cref="ParseOutputs"/> and <see cref="IdentitySettings"/>; override the rest as
/// needed. See <c>docs/how-to-wrap-a-program.md</c>.
/// </summary>
/// <remarks>
/// <para>Every call runs in a fresh scratch directory under <see cref="ProcessOracleOptions.ScratchRoot"/> (so
/// concurrent calls never share files and nothing left over from an earlier call can change a result); standard
/// output and error go to <see cref="StdoutFileName"/> and <see cref="StderrFileName"/> in it; standard input is
/// closed. The directory is deleted after a success or a cancellation and kept after a failure when
/// <see cref="ProcessOracleOptions.KeepFailedScratch"/> is set (the default).</para>
/// <para>Failures are returned, never thrown (see <see cref="LabelAsync"/> for the mapping); every failure after the
/// program ran carries the last <see cref="ProcessOracleOptions.OutputTailLines"/> lines of its standard output and
/// error. Cancellation is a failure too: a cancelled token kills the process tree and returns
/// <see cref="OracleFailureKind.Cancelled"/> (the labelling engine then treats the call as interrupted and runs it again
/// next time), like the analytic oracles.</para>
/// <para>The program version is probed the first time <see cref="Identity"/>, <see cref="ProgramVersion"/>,
/// <see cref="LabelAsync"/> or <see cref="CheckSetupAsync"/> needs it (see <see cref="ProbeVersion"/>); concurrent
/// callers share one probe. It enters the identity (so results of another version get other call keys) and every
/// label's metadata (<c>oracle</c> = <see cref="Name"/>, <c>oracle_version</c>). A probe that fails is tried once more
/// after a short pause; if that fails too, the version reads <see cref="UnavailableVersion"/> and the call fails with
/// <see cref="OracleFailureKind.SetupError"/>, naming why. A failure is not remembered: the next call probes again, so a
/// passing glitch (a busy file system, a slow start) costs one call, not the instance. A version once found is kept for
/// the instance's lifetime. Instances are thread-safe: calls may run concurrently.</para>
/// </remarks>
public abstract partial class ProcessOracle : ICallContextOracle
{
    /// <summary>Name of the file in the scratch directory that receives the program's standard output.</summary>
    public const string StdoutFileName = "stdout.txt";

    /// <summary>Name of the file in the scratch directory that receives the program's standard error.</summary>
    public const string StderrFileName = "stderr.txt";

    /// <summary>The version when the oracle defines no probe (<see cref="VersionArguments"/> is null).</summary>
    public const string UnknownVersion = "unknown";

    /// <summary>
    /// The version while the probe fails; calls then fail with <see cref="OracleFailureKind.SetupError"/> and the next
    /// call probes again.
    /// </summary>
    public const string UnavailableVersion = "unavailable";

    private static readonly TimeSpan VersionProbeTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan VersionProbeRetryPause = TimeSpan.FromSeconds(1);
    private readonly Lock _versionGate = new();
    private Task<(string Version, OracleFailure? Failure)>? _versionProbe;
    private OracleIdentity? _identity;
    private volatile bool _programSeen;

    /// <summary>Creates the oracle; nothing is run until the first call or check.</summary>
    /// <param name="options">Scratch, timeout, output-tail and result-check options (validated).</param>
    /// <exception cref="ArgumentException">Invalid options (all problems named).</exception>
    protected ProcessOracle(ProcessOracleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        BaseOptions = options;
    }

    /// <summary>The default scratch root: <c>Path.GetTempPath()/adversarial-sampling-oracle</c>.</summary>
    public static string DefaultScratchRoot => Path.Combine(Path.GetTempPath(), "adversarial-sampling-oracle");

    /// <summary>The oracle's name in its identity and in every label's <c>oracle</c> metadata (e.g. "xtb").</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Identity for oracle-call keys: <see cref="Name"/>, <see cref="ProgramVersion"/> and
    /// <see cref="IdentitySettings"/>. Built once the version is known; an access may run the version probe, and while
    /// the probe fails the identity carries <see cref="UnavailableVersion"/> and is built again on the next access.
    /// </summary>
    public OracleIdentity Identity
    {
        get
        {
            if (_identity is { } known)
            {
                return known;
            }

            var (version, failure) = VersionAsync().GetAwaiter().GetResult();
            var identity = new OracleIdentity(Name, version, IdentitySettings());
            if (failure is null)
            {
                _identity = identity; // a race builds the same value twice
            }

            return identity;
        }
    }

    /// <summary>
    /// The program version (see <see cref="ProbeVersion"/>; kept once found); <see cref="UnknownVersion"/> without a
    /// probe, <see cref="UnavailableVersion"/> while the probe fails (each access then probes again).
    /// </summary>
    public string ProgramVersion => VersionAsync().GetAwaiter().GetResult().Version;

    /// <summary>The directory under which each call's scratch directory is created.</summary>
    public string ScratchRoot => BaseOptions.ScratchRoot ?? DefaultScratchRoot;

    /// <summary>The options given at construction.</summary>
    protected ProcessOracleOptions BaseOptions { get; }

    /// <summary>The program: a name looked up on PATH (e.g. "xtb") or a path (absolute, or relative to the working directory).</summary>
    protected abstract string Program { get; }

    /// <summary>Arguments that make the program print its version (e.g. <c>["--version"]</c>); null (default): no probe.</summary>
    protected virtual IReadOnlyList<string>? VersionArguments => null;

    /// <summary>Labels one structure by running the program (see the type's remarks).</summary>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <param name="cancellationToken">Cancellation: kills the process tree; the outcome is then <see cref="OracleFailureKind.Cancelled"/>.</param>
    /// <returns>
    /// The labelled sample (energy in eV, forces in eV/Å, metadata <c>oracle</c> and <c>oracle_version</c>) or a failure:
    /// <see cref="OracleFailureKind.SetupError"/> (program missing or not executable, version probe failed, the
    /// structure is outside what the program supports per <see cref="CheckInput"/>),
    /// <see cref="OracleFailureKind.Infrastructure"/> (the scratch directory or input files could not be written, or a
    /// program that this instance found before has gone missing or cannot be started — the labelling engine retries
    /// such calls with backoff and then pauses, recording nothing),
    /// <see cref="OracleFailureKind.Timeout"/>, <see cref="OracleFailureKind.Cancelled"/>, the kind
    /// <see cref="ClassifyFailure"/> gives (by default <see cref="OracleFailureKind.Crash"/> for a non-zero exit code),
    /// <see cref="OracleFailureKind.ParseError"/> (<see cref="ParseOutputs"/> threw or returned the wrong shape) or
    /// <see cref="OracleFailureKind.UnphysicalResult"/> (non-finite numbers, or <see cref="CheckResult"/> rejected it).
    /// </returns>
    public Task<OracleOutcome> LabelAsync(AtomicStructure structure, CancellationToken cancellationToken = default)
        => LabelCoreAsync(structure, null, cancellationToken);

    /// <summary>
    /// Labels one structure like <see cref="LabelAsync"/>; the labelling engine's
    /// context reaches <see cref="ProcessOracleOptions.Launcher"/> (<see cref="ProcessLaunch.Context"/>), so that a
    /// launcher can record its external job id in the run store. Local runs ignore it.
    /// </summary>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <param name="context">The call's context.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>As for <see cref="LabelAsync"/>.</returns>
    public Task<OracleOutcome> LabelWithContextAsync(AtomicStructure structure, OracleCallContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LabelCoreAsync(structure, context, cancellationToken);
    }

    private async Task<OracleOutcome> LabelCoreAsync(AtomicStructure structure, OracleCallContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (cancellationToken.IsCancellationRequested)
        {
            return OracleOutcome.Failed(OracleFailureKind.Cancelled, $"{Name}: the call was cancelled before it started.");
        }

        if (ResolveProgram() is not { } executable)
        {
            return OracleOutcome.Failed(MissingProgram());
        }

        if (CheckInput(structure) is { } rejected)
        {
            return OracleOutcome.Failed(rejected);
        }

        if ((await VersionAsync().ConfigureAwait(false)).Failure is { } versionFailure)
        {
            return OracleOutcome.Failed(versionFailure);
        }

        if (BaseOptions.Launcher is { } launcher)
        {
            return await LaunchAsync(launcher, executable, structure, context, cancellationToken).ConfigureAwait(false);
        }

        string directory = NewScratchPath();
        try
        {
            Directory.CreateDirectory(directory);
            WriteInputs(directory, structure);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteScratch(directory);
            return OracleOutcome.Failed(OracleFailureKind.Infrastructure, $"{Name}: could not prepare the scratch directory '{directory}': {e.Message}");
        }

        var outcome = await RunInScratchAsync(executable, directory, structure, cancellationToken).ConfigureAwait(false);
        bool keep = !outcome.IsSuccess && BaseOptions.KeepFailedScratch && outcome.Failure.Kind != OracleFailureKind.Cancelled;
        if (!keep)
        {
            DeleteScratch(directory);
            return outcome;
        }

        return OracleOutcome.Failed(outcome.Failure! with { Message = $"{outcome.Failure!.Message} (scratch directory kept: {directory})" });
    }

    /// <summary>
    /// Checks, before any labelling, that the oracle can run: the program resolves to an executable file, the version
    /// probe succeeds, and <see cref="CheckSettingsAsync"/> finds no problem. Call it when a run is built or validated,
    /// so that a missing program is reported then and not in generation 3.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Null if usable, otherwise a <see cref="OracleFailureKind.SetupError"/> failure naming the program.</returns>
    public async Task<OracleFailure?> CheckSetupAsync(CancellationToken cancellationToken = default)
    {
        if (ResolveProgram() is null)
        {
            return MissingProgram() with { Kind = OracleFailureKind.SetupError };
        }

        if ((await VersionAsync().ConfigureAwait(false)).Failure is { } versionFailure)
        {
            return versionFailure;
        }

        var failure = await CheckSettingsAsync(cancellationToken).ConfigureAwait(false);
        return failure is null || failure.Kind == OracleFailureKind.SetupError ? failure : failure with { Kind = OracleFailureKind.SetupError };
    }

    /// <summary>
    /// Extra setup checks run by <see cref="CheckSetupAsync"/> after the program and its version were found, e.g. a
    /// tiny real calculation with the configured method. Default: none (null).
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Null if usable, otherwise a failure (reported as <see cref="OracleFailureKind.SetupError"/>).</returns>
    protected virtual Task<OracleFailure?> CheckSettingsAsync(CancellationToken cancellationToken) => Task.FromResult<OracleFailure?>(null);

    /// <summary>The settings that change results (method, charge, spin, ...) as invariant strings; never paths, threads or timeouts.</summary>
    /// <returns>Key/value pairs (may be empty).</returns>
    protected abstract IEnumerable<KeyValuePair<string, string>> IdentitySettings();

    /// <summary>The program's arguments for one call (passed verbatim, no shell); the working directory is the scratch directory.</summary>
    /// <param name="structure">The structure being labelled.</param>
    /// <returns>The arguments.</returns>
    protected abstract IReadOnlyList<string> GetArguments(AtomicStructure structure);

    /// <summary>Environment variables of one call (e.g. <c>OMP_NUM_THREADS</c>); default none. <see cref="ProcessOracleOptions.Environment"/> is applied after them.</summary>
    /// <param name="structure">The structure being labelled.</param>
    /// <returns>Name/value pairs.</returns>
    protected virtual IEnumerable<KeyValuePair<string, string>> GetEnvironment(AtomicStructure structure) => [];

    /// <summary>
    /// Per-structure checks before anything is written or run: a structure the program cannot take (an element it has
    /// no parameters for, a periodic cell it does not support, an electron count that does not fit the spin) gives a
    /// failure, usually <see cref="OracleFailureKind.SetupError"/>. Default: none (null).
    /// </summary>
    /// <param name="structure">The structure.</param>
    /// <returns>Null to proceed, otherwise the failure.</returns>
    protected virtual OracleFailure? CheckInput(AtomicStructure structure) => null;

    /// <summary>
    /// Writes the program's input files into the (fresh, empty) scratch directory. Use invariant-culture number
    /// formatting. An <see cref="IOException"/> becomes an <see cref="OracleFailureKind.Infrastructure"/> failure.
    /// </summary>
    /// <param name="directory">The scratch directory (full path).</param>
    /// <param name="structure">The structure (positions in Å).</param>
    protected abstract void WriteInputs(string directory, AtomicStructure structure);

    /// <summary>
    /// Reads the result from the scratch directory after the program exited and <see cref="ClassifyFailure"/> found no
    /// failure: total energy (eV) and forces (eV/Å, flat N×3 in the structure's atom order; forces = −gradient), and
    /// optionally stress (eV/Å³). Convert units here (see <see cref="Units"/>). Any exception becomes an
    /// <see cref="OracleFailureKind.ParseError"/> failure carrying its message.
    /// </summary>
    /// <param name="directory">The scratch directory (full path; holds <see cref="StdoutFileName"/> and <see cref="StderrFileName"/> too).</param>
    /// <param name="structure">The structure that was labelled.</param>
    /// <returns>The result in eV and eV/Å.</returns>
    protected abstract PotentialResult ParseOutputs(string directory, AtomicStructure structure);

    /// <summary>
    /// Decides from the exit code and the output tail whether the run failed, and how. Called for every run that ended
    /// on its own (not timed out or cancelled), before <see cref="ParseOutputs"/>. Default: null (success) for exit
    /// code 0, otherwise <see cref="OracleFailureKind.Crash"/>. Override it to recognise the program's messages, e.g.
    /// SCF non-convergence (<see cref="OracleFailureKind.NonConvergence"/>), also when the program exits with 0.
    /// </summary>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="outputTail">The last lines of standard output, then (after a <c>--- stderr ---</c> line, if any) of standard error.</param>
    /// <returns>Null for a run whose output should be parsed, otherwise the failure kind.</returns>
    protected virtual OracleFailureKind? ClassifyFailure(int exitCode, string outputTail) => exitCode == 0 ? null : OracleFailureKind.Crash;

    /// <summary>
    /// A one-line reason for a failed run, taken from the output (e.g. the program's error message); it is appended to
    /// the failure message. Default: the last non-empty line of standard output, if any.
    /// </summary>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="outputTail">The output tail (as for <see cref="ClassifyFailure"/>).</param>
    /// <returns>The reason, or null.</returns>
    protected virtual string? DescribeFailure(int exitCode, string outputTail)
    {
        ArgumentNullException.ThrowIfNull(outputTail);
        string stdout = outputTail.Split(OutputTail.StderrSeparator)[0];
        return stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
    }

    /// <summary>
    /// Checks a parsed, finite result before it becomes a label. Default: <see cref="ProcessOracleOptions.ResultGate"/>
    /// (null: accept). Override to add program-specific bounds; return an <see cref="OracleFailureKind.UnphysicalResult"/>.
    /// </summary>
    /// <param name="sample">The labelled sample (eV, eV/Å).</param>
    /// <returns>Null to accept, otherwise the failure.</returns>
    protected virtual OracleFailure? CheckResult(LabelledSample sample) => BaseOptions.ResultGate?.Check(sample);

    /// <summary>
    /// Determines the program version. Default: <see cref="UnknownVersion"/> when <see cref="VersionArguments"/> is null;
    /// otherwise runs the program with them (in a scratch directory, at most 60 s) and returns
    /// <see cref="ParseVersion"/> of its output. Override to return a version known otherwise (e.g. from options).
    /// </summary>
    /// <returns>The version string.</returns>
    /// <exception cref="InvalidOperationException">The probe failed (message says why).</exception>
    protected virtual string ProbeVersion()
    {
        if (VersionArguments is not { } arguments)
        {
            return UnknownVersion;
        }

        if (!ProgramLocator.TryResolve(Program, out string? executable, out string? problem))
        {
            throw new InvalidOperationException(problem);
        }

        string directory = NewScratchPath();
        try
        {
            Directory.CreateDirectory(directory);
            string stdout = Path.Combine(directory, StdoutFileName), stderr = Path.Combine(directory, StderrFileName);
            var run = Task.Run(() => ProcessRunner.RunAsync(executable, arguments, CallEnvironment(null), directory, stdout, stderr, VersionProbeTimeout, CancellationToken.None))
                .GetAwaiter().GetResult();
            string output = File.ReadAllText(stdout) + "\n" + File.ReadAllText(stderr);
            if (run.Ending != ProcessRunEnding.Exited)
            {
                throw new InvalidOperationException($"'{executable} {string.Join(' ', arguments)}' did not finish within {VersionProbeTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
            }

            return ParseVersion(output)
                ?? throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{executable} {string.Join(' ', arguments)}' exited with code {run.ExitCode} and printed no version: {OneLine(output, 300)}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Win32Exception)
        {
            throw new InvalidOperationException($"'{executable} {string.Join(' ', arguments)}' could not be run: {e.Message}", e);
        }
        finally
        {
            DeleteScratch(directory);
        }
    }

    /// <summary>Extracts the version from the probe's output. Default: the first dotted number (e.g. "6.5.1"), or null.</summary>
    /// <param name="output">Standard output, a newline, then standard error of the probe.</param>
    /// <returns>The version, or null when there is none.</returns>
    protected virtual string? ParseVersion(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = DottedNumber().Match(output);
        return match.Success ? match.Value : null;
    }

    /// <summary>
    /// Writes a plain XYZ file (atom count, comment line, then <c>Symbol x y z</c> per atom in Å, round-trip precision,
    /// invariant culture), the input format most programs read.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <param name="comment">The comment line (default empty; line breaks are replaced by spaces).</param>
    protected static void WriteXyzFile(string path, AtomicStructure structure, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(structure);
        var text = new StringBuilder();
        text.Append(structure.AtomCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append((comment ?? string.Empty).ReplaceLineEndings(" ")).Append('\n');
        for (int a = 0; a < structure.AtomCount; a++)
        {
            text.Append(Elements.Symbol(structure.AtomicNumbers[a]));
            for (int k = 0; k < 3; k++)
            {
                text.Append(' ').Append(structure.Positions[3 * a + k].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    [GeneratedRegex(@"\d+(\.\d+)+")]
    private static partial Regex DottedNumber();

    private static string OneLine(string text, int maxLength)
    {
        string line = string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= maxLength ? line : line[..maxLength] + "…";
    }

    private static void DeleteScratch(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover scratch directory costs disk space, never correctness.
        }
    }

    /// <summary>The program's full path, or null when it cannot be found now; remembers that it was found once.</summary>
    private string? ResolveProgram()
    {
        if (!ProgramLocator.TryResolve(Program, out string? executable, out _))
        {
            return null;
        }

        _programSeen = true;
        return executable;
    }

    /// <summary>
    /// The failure for a program that cannot be found: a setup error if this oracle never found it, infrastructure
    /// trouble (retried, then the loop pauses) if it was there before — an unmounted file system, a reinstall.
    /// </summary>
    private OracleFailure MissingProgram()
    {
        ProgramLocator.TryResolve(Program, out _, out string? problem);
        return _programSeen
            ? new OracleFailure(OracleFailureKind.Infrastructure, $"{Name}: {problem} It was found before; is a file system unmounted or the program being reinstalled?")
            : new OracleFailure(OracleFailureKind.SetupError, $"{Name}: {problem}");
    }

    /// <summary>
    /// The version probe's result: the one in flight or found (shared by concurrent callers and kept once it succeeded),
    /// or a new probe when there is none yet or the last one failed.
    /// </summary>
    private Task<(string Version, OracleFailure? Failure)> VersionAsync()
    {
        lock (_versionGate)
        {
            // A probe that ended with a failure, or threw (an override's exception), is replaced by a new one.
            if (_versionProbe is null || (_versionProbe.IsCompleted && (!_versionProbe.IsCompletedSuccessfully || _versionProbe.Result.Failure is not null)))
            {
                _versionProbe = Task.Run(ProbeVersionWithRetryAsync);
            }

            return _versionProbe;
        }
    }

    private async Task<(string Version, OracleFailure? Failure)> ProbeVersionWithRetryAsync()
    {
        var first = ProbeVersionSafely();
        if (first.Failure is null)
        {
            return first;
        }

        await Task.Delay(VersionProbeRetryPause).ConfigureAwait(false);
        var second = ProbeVersionSafely();
        return second.Failure is null || second.Failure.Message == first.Failure.Message
            ? second
            : (second.Version, second.Failure with { Message = $"{second.Failure.Message} (the attempt before: {first.Failure.Message})" });
    }

    private (string Version, OracleFailure? Failure) ProbeVersionSafely()
    {
        try
        {
            string version = ProbeVersion();
            if (VersionArguments is not null)
            {
                _programSeen = true; // the probe found and ran it
            }

            return string.IsNullOrWhiteSpace(version)
                ? (UnavailableVersion, new OracleFailure(OracleFailureKind.SetupError, $"{Name}: the version probe of '{Program}' returned an empty version."))
                : (version.Trim(), null);
        }
        catch (InvalidOperationException e)
        {
            return (UnavailableVersion, new OracleFailure(OracleFailureKind.SetupError, $"{Name}: the version of '{Program}' could not be determined: {e.Message}"));
        }
    }

    private IEnumerable<KeyValuePair<string, string>> CallEnvironment(AtomicStructure? structure)
        => (structure is null ? [] : GetEnvironment(structure)).Concat(BaseOptions.Environment ?? ImmutableDictionary<string, string>.Empty);

    private string NewScratchPath()
    {
        string safeName = string.Concat(Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Path.GetFullPath(Path.Combine(ScratchRoot, $"{safeName}-{stamp}-{Guid.NewGuid():N}"));
    }

    private async Task<OracleOutcome> RunInScratchAsync(string executable, string directory, AtomicStructure structure, CancellationToken cancellationToken)
    {
        string stdout = Path.Combine(directory, StdoutFileName), stderr = Path.Combine(directory, StderrFileName);
        ProcessRunResult run;
        try
        {
            run = await ProcessRunner.RunAsync(
                executable, GetArguments(structure), CallEnvironment(structure), directory, stdout, stderr, BaseOptions.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            // The file was found a moment ago: it is being replaced, or a file system misbehaves. Retried by the engine.
            return OracleOutcome.Failed(OracleFailureKind.Infrastructure, $"{Name}: could not start '{executable}': {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return OracleOutcome.Failed(OracleFailureKind.Infrastructure, $"{Name}: the output of '{executable}' could not be written to '{directory}': {e.Message}", Tail());
        }

        string seconds = run.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        switch (run.Ending)
        {
            case ProcessRunEnding.Cancelled:
                return OracleOutcome.Failed(OracleFailureKind.Cancelled, $"{Name}: the call was cancelled after {seconds} s; the process tree was killed.", Tail());
            case ProcessRunEnding.TimedOut:
                return OracleOutcome.Failed(
                    OracleFailureKind.Timeout,
                    $"{Name}: '{Program}' did not finish within the time limit of {BaseOptions.Timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; the process tree was killed.",
                    Tail());
        }

        return InterpretExit(directory, structure, run.ExitCode, seconds);

        string? Tail() => NullIfEmpty(OutputTail.Read(stdout, stderr, BaseOptions.OutputTailLines));
    }

    /// <summary>Runs one call through <see cref="ProcessOracleOptions.Launcher"/> and interprets its end like a local run.</summary>
    private async Task<OracleOutcome> LaunchAsync(IProcessLauncher launcher, string executable, AtomicStructure structure, OracleCallContext? context, CancellationToken cancellationToken)
    {
        var launch = new ProcessLaunch
        {
            OracleName = Name,
            Key = context?.Key ?? OracleCallKey.Compute(Identity, structure),
            Context = context,
            Program = executable,
            Arguments = [.. GetArguments(structure)],
            Environment = [.. CallEnvironment(structure)],
            Timeout = BaseOptions.Timeout,
            WriteInputs = directory => WriteInputs(directory, structure),
        };
        var result = await launcher.RunAsync(launch, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{Name}: the launcher {launcher.GetType().Name} returned no result.");
        var outcome = result.Failure is { } failure
            ? OracleOutcome.Failed(failure)
            : InterpretExit(result.Directory, structure, result.ExitCode ?? -1, result.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        if (outcome.IsSuccess || (!BaseOptions.KeepFailedScratch && outcome.Failure.Kind != OracleFailureKind.Cancelled))
        {
            DeleteScratch(result.Directory);
            return outcome;
        }

        return OracleOutcome.Failed(outcome.Failure! with { Message = $"{outcome.Failure!.Message} (directory kept: {result.Directory})" });
    }

    /// <summary>Classifies the exit of a run that ended on its own, then parses and checks its outputs.</summary>
    private OracleOutcome InterpretExit(string directory, AtomicStructure structure, int exitCode, string seconds)
    {
        string stdout = Path.Combine(directory, StdoutFileName), stderr = Path.Combine(directory, StderrFileName);
        string tail = OutputTail.Read(stdout, stderr, BaseOptions.OutputTailLines);
        if (ClassifyFailure(exitCode, tail) is { } kind)
        {
            string? reason = DescribeFailure(exitCode, tail);
            return OracleOutcome.Failed(
                kind,
                string.Create(CultureInfo.InvariantCulture, $"{Name}: '{Program}' exited with code {exitCode} after {seconds} s{(string.IsNullOrWhiteSpace(reason) ? "." : ": " + reason)}"),
                NullIfEmpty(tail));
        }

        PotentialResult result;
        try
        {
            result = ParseOutputs(directory, structure) ?? throw new InvalidDataException("ParseOutputs returned null.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a parser throws on unusable output (format, index, overflow, missing file) is a ParseError by contract.
            return OracleOutcome.Failed(OracleFailureKind.ParseError, $"{Name}: the output could not be parsed: {e.Message}", NullIfEmpty(tail));
        }

        return ToOutcome(structure, result, NullIfEmpty(tail));
    }

    private OracleOutcome ToOutcome(AtomicStructure structure, PotentialResult result, string? tail)
    {
        int n = structure.AtomCount;
        if (result.Forces.Length != 3 * n || result.Stress.Length is not (0 or 6 or 9))
        {
            return OracleOutcome.Failed(
                OracleFailureKind.ParseError,
                string.Create(CultureInfo.InvariantCulture, $"{Name}: the parsed result has {result.Forces.Length} force components for {n} atoms (expected {3 * n}) and {result.Stress.Length} stress components (expected 0, 6 or 9)."),
                tail);
        }

        if (!result.IsFinite || result.Stress.Any(s => !double.IsFinite(s)))
        {
            return OracleOutcome.Failed(
                OracleFailureKind.UnphysicalResult,
                string.Create(CultureInfo.InvariantCulture, $"{Name}: non-finite result (energy {result.Energy} eV, {result.Forces.Count(f => !double.IsFinite(f))} non-finite force components, {result.Stress.Count(s => !double.IsFinite(s))} non-finite stress components)."),
                tail);
        }

        var metadata = ImmutableArray.Create(
            new KeyValuePair<string, object>(AnalyticPotential.OracleMetadataKey, Name),
            new KeyValuePair<string, object>(AnalyticPotential.OracleVersionMetadataKey, ProgramVersion));
        var sample = new LabelledSample(structure, result.Energy, result.Forces, result.Stress.IsEmpty ? null : result.Stress, metadata);
        if (CheckResult(sample) is { } rejected)
        {
            return OracleOutcome.Failed(rejected with { Message = $"{Name}: {rejected.Message}", OutputTail = rejected.OutputTail ?? tail });
        }

        return OracleOutcome.Success(sample);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
