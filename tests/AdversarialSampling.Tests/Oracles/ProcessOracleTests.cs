using System.Globalization;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Oracles;

/// <summary>
/// The process-oracle base through the how-to's <see cref="FakeDftOracle"/>: the fake-dft script for successes and small
/// shell scripts, written to a temporary directory, for each way a program can fail.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProcessOracleTests : IDisposable
{
    private const double K = 0.1; // fake-dft: E = 0.05 Σ r² (Hartree, r in Bohr), gradient = 0.1 r (Hartree/Bohr)

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "as-process-oracle-" + Guid.NewGuid().ToString("N"));

    public ProcessOracleTests()
    {
        Directory.CreateDirectory(_dir);
    }

    private string ScratchRoot => Path.Combine(_dir, "scratch");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static AtomicStructure Water(double shift = 0) => AtomicStructure.FromSymbols(
        ["O", "H", "H"], [0.1 + shift, -0.2, 0.05, 0.96, 0.1, -0.3, -0.25, 0.93, 0.2]);

    private string FakeDft()
    {
        string path = Path.Combine(_dir, "fake-dft");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "fake-dft.sh"), path, overwrite: true);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Writes an executable shell script that answers --version like fake-dft and otherwise runs <paramref name="body"/>.</summary>
    private string Script(string name, string body)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo \"fake-dft version 1.2.3\"; exit 0; fi\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private FakeDftOracle Oracle(string program, ProcessOracleOptions? options = null)
        => new(program, (options ?? new ProcessOracleOptions()) with { ScratchRoot = ScratchRoot });

    private static (double Energy, double[] Forces) Expected(AtomicStructure s)
    {
        double e = 0;
        var f = new double[s.Positions.Length];
        for (int i = 0; i < f.Length; i++)
        {
            double r = s.Positions[i] / Units.Bohr;
            e += 0.5 * K * r * r;
            f[i] = -K * r * Units.Hartree / Units.Bohr;
        }

        return (e * Units.Hartree, f);
    }

    private string[] ScratchDirectories() => Directory.Exists(ScratchRoot) ? Directory.GetDirectories(ScratchRoot) : [];

    private static bool IsGone(int pid)
    {
        // A killed process that is not yet reaped is a zombie ('Z'); both count as gone.
        string stat = $"/proc/{pid}/stat";
        try
        {
            string text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        return condition();
    }

    [Fact]
    public async Task LabelAsync_FakeDft_ReturnsEnergyAndForcesInEvAndEvPerAngstrom()
    {
        var oracle = Oracle(FakeDft());
        var water = Water();

        var outcome = await oracle.LabelAsync(water);

        Assert.True(outcome.IsSuccess, outcome.ToString());
        var (energy, forces) = Expected(water);
        Assert.Equal(energy, outcome.Sample.Energy, 1e-9);
        for (int i = 0; i < forces.Length; i++)
        {
            Assert.Equal(forces[i], outcome.Sample.Forces[i], 1e-8);
        }

        Assert.Equal("fake-dft", outcome.Sample.Metadata["oracle"]);
        Assert.Equal("1.2.3", outcome.Sample.Metadata["oracle_version"]);
        Assert.Same(water, outcome.Sample.Structure);
    }

    [Fact]
    public void Identity_HasNameProbedVersionAndSettings()
    {
        var oracle = Oracle(FakeDft());

        Assert.Equal("1.2.3", oracle.ProgramVersion);
        Assert.Equal("fake-dft|1.2.3|method=harmonic", oracle.Identity.ToCanonicalString());
    }

    [Fact]
    public async Task LabelAsync_Success_DeletesTheScratchDirectory()
    {
        var oracle = Oracle(FakeDft());

        var outcome = await oracle.LabelAsync(Water());

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Empty(ScratchDirectories());
    }

    [Fact]
    public async Task CheckSetupAsync_WorkingProgram_ReturnsNull()
    {
        Assert.Null(await Oracle(FakeDft()).CheckSetupAsync());
    }

    [Fact]
    public async Task LabelAsync_NonZeroExitWithConvergenceMessage_IsNonConvergenceWithTheOutputTail()
    {
        var oracle = Oracle(Script("scf-fails", "for i in $(seq 1 30); do echo \"cycle $i\"; done\necho 'SCF NOT CONVERGED after 30 cycles'\necho 'backtrace line' >&2\nexit 3"));

        var outcome = await oracle.LabelAsync(Water());

        Assert.False(outcome.IsSuccess);
        Assert.Equal(OracleFailureKind.NonConvergence, outcome.Failure.Kind);
        Assert.Contains("exited with code 3", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("SCF NOT CONVERGED after 30 cycles", outcome.Failure.Message, StringComparison.Ordinal);
        string tail = outcome.Failure.OutputTail!;
        var lines = tail.Split('\n');
        Assert.Equal(20 + 2, lines.Length); // 20 stdout lines, the separator, 1 stderr line
        Assert.Equal("cycle 12", lines[0]);
        Assert.Equal("SCF NOT CONVERGED after 30 cycles", lines[19]);
        Assert.Equal("--- stderr ---", lines[20]);
        Assert.Equal("backtrace line", lines[21]);
    }

    [Fact]
    public async Task LabelAsync_NonZeroExit_IsCrashAndKeepsTheScratchDirectory()
    {
        var oracle = Oracle(Script("crash", "echo 'Segmentation fault'\nexit 139"));

        var outcome = await oracle.LabelAsync(Water());

        Assert.Equal(OracleFailureKind.Crash, outcome.Failure!.Kind);
        Assert.Contains("Segmentation fault", outcome.Failure.Message, StringComparison.Ordinal);
        string kept = Assert.Single(ScratchDirectories());
        Assert.Contains(kept, outcome.Failure.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(kept, "input.xyz")));
        Assert.Equal("Segmentation fault\n", File.ReadAllText(Path.Combine(kept, ProcessOracle.StdoutFileName)));
    }

    [Fact]
    public async Task LabelAsync_FailureWithoutKeepFailedScratch_DeletesTheScratchDirectory()
    {
        var oracle = Oracle(Script("crash", "exit 1"), new ProcessOracleOptions { KeepFailedScratch = false });

        var outcome = await oracle.LabelAsync(Water());

        Assert.Equal(OracleFailureKind.Crash, outcome.Failure!.Kind);
        Assert.Empty(ScratchDirectories());
    }

    [Fact]
    public async Task LabelAsync_Timeout_KillsTheProcessTreeAndIsTimeout()
    {
        var oracle = Oracle(Script("hang", "sleep 60 &\necho $! > child.pid\necho started\nwait"), new ProcessOracleOptions { Timeout = TimeSpan.FromSeconds(1) });

        var outcome = await oracle.LabelAsync(Water());

        Assert.Equal(OracleFailureKind.Timeout, outcome.Failure!.Kind);
        Assert.Contains("time limit of 1 s", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Equal("started", outcome.Failure.OutputTail);
        string kept = Assert.Single(ScratchDirectories());
        int child = int.Parse(File.ReadAllText(Path.Combine(kept, "child.pid")).Trim(), CultureInfo.InvariantCulture);
        Assert.True(await EventuallyAsync(() => IsGone(child)), $"the grandchild sleep (pid {child}) survived the timeout");
    }

    [Fact]
    public async Task LabelAsync_Cancelled_KillsTheProcessTreeAndIsCancelled()
    {
        var oracle = Oracle(Script("hang", "sleep 60 &\necho $! > child.pid\nwait"));
        using var cts = new CancellationTokenSource();

        var call = oracle.LabelAsync(Water(), cts.Token);
        string? pidFile = null;
        Assert.True(await EventuallyAsync(() => (pidFile = ScratchDirectories().Select(d => Path.Combine(d, "child.pid")).FirstOrDefault(File.Exists)) is not null && new FileInfo(pidFile).Length > 0));
        int child = int.Parse(File.ReadAllText(pidFile!).Trim(), CultureInfo.InvariantCulture);
        Assert.False(call.IsCompleted);
        await cts.CancelAsync();
        var outcome = await call;

        Assert.Equal(OracleFailureKind.Cancelled, outcome.Failure!.Kind);
        Assert.True(await EventuallyAsync(() => IsGone(child)), $"the grandchild sleep (pid {child}) survived the cancellation");
        Assert.Empty(ScratchDirectories());
    }

    [Fact]
    public async Task LabelAsync_AlreadyCancelledToken_IsCancelledWithoutRunning()
    {
        var oracle = Oracle(Script("marker", "touch \"$0.ran\"\nexit 1"));

        var outcome = await oracle.LabelAsync(Water(), new CancellationToken(canceled: true));

        Assert.Equal(OracleFailureKind.Cancelled, outcome.Failure!.Kind);
        Assert.False(File.Exists(Path.Combine(_dir, "marker.ran")));
    }

    [Fact]
    public async Task LabelAsync_GarbageOutput_IsParseError()
    {
        var oracle = Oracle(Script("garbage", "echo 'all done' > result.out"));

        var outcome = await oracle.LabelAsync(Water());

        Assert.Equal(OracleFailureKind.ParseError, outcome.Failure!.Kind);
        Assert.Contains("could not be parsed", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_MissingOutputFile_IsParseError()
    {
        var outcome = await Oracle(Script("silent", "exit 0")).LabelAsync(Water());

        Assert.Equal(OracleFailureKind.ParseError, outcome.Failure!.Kind);
        Assert.Contains("result.out", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_TruncatedOutput_IsParseError()
    {
        var outcome = await Oracle(Script("truncated", "printf -- '-1.5\\n0.1 0.2 0.3\\n' > result.out")).LabelAsync(Water());

        Assert.Equal(OracleFailureKind.ParseError, outcome.Failure!.Kind);
    }

    [Fact]
    public async Task LabelAsync_NaNInOutput_IsUnphysicalResult()
    {
        var outcome = await Oracle(Script("nan", "printf 'NaN\\n0 0 0\\n0 0 0\\n0 0 0\\n' > result.out")).LabelAsync(Water());

        Assert.Equal(OracleFailureKind.UnphysicalResult, outcome.Failure!.Kind);
        Assert.Contains("non-finite", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_HugeForces_AreRejectedByTheResultGate()
    {
        // 5 Hartree/Bohr ≈ 257 eV/Å, above the default gate's 100 eV/Å.
        string script = Script("huge", "printf -- '-1.0\\n5 0 0\\n0 0 0\\n0 0 0\\n' > result.out");

        var gated = await Oracle(script).LabelAsync(Water());
        var ungated = await Oracle(script, new ProcessOracleOptions { ResultGate = null }).LabelAsync(Water());

        Assert.Equal(OracleFailureKind.UnphysicalResult, gated.Failure!.Kind);
        Assert.Contains("above the bound", gated.Failure.Message, StringComparison.Ordinal);
        Assert.True(ungated.IsSuccess, ungated.ToString());
        Assert.Equal(-5 * Units.Hartree / Units.Bohr, ungated.Sample.Forces[0], 1e-9);
    }

    [Fact]
    public async Task LabelAsync_MissingProgram_IsSetupError()
    {
        var oracle = Oracle(Path.Combine(_dir, "no-such-program"));

        var setup = await oracle.CheckSetupAsync();
        var outcome = await oracle.LabelAsync(Water());

        Assert.Equal(OracleFailureKind.SetupError, setup!.Kind);
        Assert.Contains("no-such-program", setup.Message, StringComparison.Ordinal);
        Assert.Equal(OracleFailureKind.SetupError, outcome.Failure!.Kind);
        Assert.Contains("does not exist", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(ScratchDirectories());
    }

    [Fact]
    public async Task LabelAsync_ProgramGoneAfterItWorked_IsInfrastructureSoTheEngineRetriesAndPauses()
    {
        string program = FakeDft();
        var oracle = Oracle(program);
        Assert.True((await oracle.LabelAsync(Water())).IsSuccess);
        File.Delete(program);

        var outcome = await oracle.LabelAsync(Water());
        var setup = await oracle.CheckSetupAsync();

        Assert.Equal(OracleFailureKind.Infrastructure, outcome.Failure!.Kind);
        Assert.Contains("found before", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(OracleFailureKind.SetupError, setup!.Kind);
    }

    [Fact]
    public async Task CheckSetupAsync_ProgramNotOnPath_IsSetupErrorNamingIt()
    {
        var setup = await Oracle("adversarial-sampling-no-such-program").CheckSetupAsync();

        Assert.Equal(OracleFailureKind.SetupError, setup!.Kind);
        Assert.Contains("'adversarial-sampling-no-such-program' was not found on PATH", setup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckSetupAsync_FileWithoutExecutePermission_IsSetupError()
    {
        string path = Path.Combine(_dir, "not-executable");
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var setup = await Oracle(path).CheckSetupAsync();

        Assert.Equal(OracleFailureKind.SetupError, setup!.Kind);
        Assert.Contains("not executable", setup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionProbeWithoutVersion_IsSetupErrorEverywhere()
    {
        string path = Path.Combine(_dir, "no-version");
        File.WriteAllText(path, "#!/bin/sh\necho 'usage: no-version FILE'\nexit 1\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var oracle = Oracle(path);

        Assert.Equal(ProcessOracle.UnavailableVersion, oracle.ProgramVersion);
        Assert.Equal(OracleFailureKind.SetupError, (await oracle.CheckSetupAsync())!.Kind);
        var outcome = await oracle.LabelAsync(Water());
        Assert.Equal(OracleFailureKind.SetupError, outcome.Failure!.Kind);
        Assert.Contains("usage: no-version FILE", outcome.Failure.Message, StringComparison.Ordinal);
    }

    private string ProbeCounter => Path.Combine(_dir, "probes.txt");

    private int Probes => File.Exists(ProbeCounter) ? int.Parse(File.ReadAllText(ProbeCounter).Trim(), CultureInfo.InvariantCulture) : 0;

    /// <summary>
    /// Fake-dft behind a wrapper whose <c>--version</c> fails (exit 1, "probe glitch" on standard error) the first
    /// <paramref name="failures"/> times; every probe is counted in <see cref="ProbeCounter"/>.
    /// </summary>
    private string FlakyVersionProgram(int failures)
    {
        string fake = FakeDft(), path = Path.Combine(_dir, "flaky-version");
        File.WriteAllText(path, $"""
            #!/bin/sh
            if [ "$1" = "--version" ]; then
              n=$(cat '{ProbeCounter}' 2>/dev/null || echo 0)
              echo $((n + 1)) > '{ProbeCounter}'
              if [ "$n" -lt {failures} ]; then echo 'probe glitch' >&2; exit 1; fi
            fi
            exec '{fake}' "$@"

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public async Task VersionProbe_OneFailedAttempt_IsTriedAgainAndTheCallSucceeds()
    {
        var oracle = Oracle(FlakyVersionProgram(failures: 1));

        var outcome = await oracle.LabelAsync(Water());

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal("1.2.3", outcome.Sample.Metadata["oracle_version"]);
        Assert.Equal(2, Probes);
    }

    [Fact]
    public async Task VersionProbe_FailingTwice_FailsThatCallOnlyAndTheNextCallProbesAgain()
    {
        var oracle = Oracle(FlakyVersionProgram(failures: 2));

        var failed = await oracle.LabelAsync(Water());
        int probesAfterFailure = Probes;
        var next = await oracle.LabelAsync(Water());

        Assert.Equal(OracleFailureKind.SetupError, failed.Failure!.Kind);
        Assert.Contains("probe glitch", failed.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, probesAfterFailure);
        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal("1.2.3", oracle.ProgramVersion);
        Assert.Null(await oracle.CheckSetupAsync());
        Assert.Equal(3, Probes);
    }

    [Fact]
    public void Identity_WhileTheProbeFails_CarriesUnavailableAndIsBuiltAgainOnceTheVersionIsFound()
    {
        var oracle = Oracle(FlakyVersionProgram(failures: 2));

        var during = oracle.Identity;
        var after = oracle.Identity;

        Assert.Equal(ProcessOracle.UnavailableVersion, during.Version);
        Assert.Equal("1.2.3", after.Version);
        Assert.Same(after, oracle.Identity);
        Assert.Equal(3, Probes);
    }

    [Fact]
    public async Task VersionProbe_ConcurrentCallsShareOneProbeAndAFoundVersionIsKept()
    {
        var oracle = Oracle(FlakyVersionProgram(failures: 0));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => oracle.LabelAsync(Water(0.01 * i)))));
        Assert.All(concurrent, o => Assert.True(o.IsSuccess, o.ToString()));
        _ = oracle.Identity;
        Assert.Null(await oracle.CheckSetupAsync());
        Assert.True((await oracle.LabelAsync(Water())).IsSuccess);

        Assert.Equal(1, Probes);
    }

    [Fact]
    public async Task VersionProbe_AnOverrideThatThrowsOnce_FailsThatCallOnly()
    {
        var oracle = new ThrowOnceProbeOracle(FakeDft(), new ProcessOracleOptions { ScratchRoot = ScratchRoot });

        await Assert.ThrowsAsync<IOException>(() => oracle.LabelAsync(Water()));
        var next = await oracle.LabelAsync(Water());

        Assert.True(next.IsSuccess, next.ToString());
        Assert.Equal("9.9.9", oracle.ProgramVersion);
    }

    /// <summary>Fake-dft with a version override that throws an <see cref="IOException"/> (outside the documented contract) the first time.</summary>
    private sealed class ThrowOnceProbeOracle(string program, ProcessOracleOptions options) : ProcessOracle(options)
    {
        private int _probes;

        public override string Name => "throw-once";

        protected override string Program => program;

        protected override string ProbeVersion() => Interlocked.Increment(ref _probes) == 1 ? throw new IOException("probe glitch") : "9.9.9";

        protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings() => [];

        protected override IReadOnlyList<string> GetArguments(AtomicStructure structure) => ["input.xyz"];

        protected override void WriteInputs(string directory, AtomicStructure structure) => WriteXyzFile(Path.Combine(directory, "input.xyz"), structure);

        protected override PotentialResult ParseOutputs(string directory, AtomicStructure structure)
            => new(0, new double[3 * structure.AtomCount]);
    }

    [Fact]
    public async Task LabelAsync_EnvironmentOptionAndArguments_ReachTheProgram()
    {
        var options = new ProcessOracleOptions { Environment = new Dictionary<string, string> { ["FAKE_SETTING"] = "value with spaces" } };
        var oracle = Oracle(Script("echo-env", "echo \"setting=$FAKE_SETTING args=$# first=$1\"\nexit 7"), options);

        var outcome = await oracle.LabelAsync(Water());

        Assert.Contains("setting=value with spaces args=1 first=input.xyz", outcome.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_ProgramReadingStdinAndFloodingBothPipes_DoesNotBlock()
    {
        // Standard input is closed (cat returns at once) and both pipes are drained while the program runs: 2 MB
        // through each would block a program whose pipes are read only after it exits.
        string flood = "cat > /dev/null\nawk 'BEGIN { for (i = 0; i < 20000; i++) { print \"out line \" i \" ..............................................................................................\"; print \"err line \" i \" ..............................................................................................\" > \"/dev/stderr\" } }'\n";
        string program = Script("flood", flood + "exec \"" + FakeDft() + "\" \"$@\"");

        var outcome = await Oracle(program, new ProcessOracleOptions { Timeout = TimeSpan.FromSeconds(60) }).LabelAsync(Water());

        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(Expected(Water()).Energy, outcome.Sample.Energy, 1e-9);
    }

    [Fact]
    public async Task LabelAsync_ConcurrentCalls_AreIsolatedAndMatchSequentialOnes()
    {
        // Each call sleeps between reading its input and writing its output, so the eight runs overlap in time.
        string slow = Script("slow", "sleep 0.2\nexec \"" + FakeDft() + "\" \"$@\"");
        var oracle = Oracle(slow);
        var structures = Enumerable.Range(0, 8).Select(i => Water(0.1 * i)).ToArray();

        var concurrent = await Task.WhenAll(structures.Select(s => oracle.LabelAsync(s)));
        var sequential = new List<OracleOutcome>();
        foreach (var s in structures)
        {
            sequential.Add(await oracle.LabelAsync(s));
        }

        for (int i = 0; i < structures.Length; i++)
        {
            Assert.True(concurrent[i].IsSuccess, concurrent[i].ToString());
            Assert.Equal(Expected(structures[i]).Energy, concurrent[i].Sample!.Energy, 1e-9);
            Assert.Equal(sequential[i].Sample!.Energy, concurrent[i].Sample!.Energy);
            Assert.Equal(sequential[i].Sample!.Forces.ToArray(), concurrent[i].Sample!.Forces.ToArray());
        }

        Assert.Equal(8, concurrent.Select(o => o.Sample!.Energy).Distinct().Count());
        Assert.Empty(ScratchDirectories());
    }

    [Fact]
    public void Options_Invalid_ThrowNamingEveryProblem()
    {
        var bad = new ProcessOracleOptions { Timeout = TimeSpan.Zero, OutputTailLines = 0, ScratchRoot = " " };

        var e = Assert.Throws<ArgumentException>(() => new FakeDftOracle("x", bad));

        Assert.Contains("Timeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("OutputTailLines", e.Message, StringComparison.Ordinal);
        Assert.Contains("ScratchRoot", e.Message, StringComparison.Ordinal);
    }
}
