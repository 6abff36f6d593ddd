using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Slurm.TestHost;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>The core hook the SLURM launcher plugs into: <see cref="ProcessOracleOptions.Launcher"/> and the engine's call context.</summary>
public sealed class ProcessLauncherHookTests : IDisposable
{
    private static readonly AtomicStructure Molecule = FakeQcOracle.Molecules(1)[0];
    private readonly string _dir = TestKit.NewDirectory("as-launcher-hook-");

    public void Dispose() => TestKit.DeleteDirectory(_dir);

    [Fact]
    public async Task LabelAsync_LauncherRunsTheCommandItIsGiven_SameLabelsAsALocalRunAndItsDirectoryIsRemoved()
    {
        var launcher = new InlineLauncher(_dir);
        var oracle = new FakeQcOracle(FakeQcOracle.WriteProgram(Path.Combine(_dir, "program")), new ProcessOracleOptions { Launcher = launcher });

        var outcome = await oracle.LabelAsync(Molecule);

        var local = await new FakeQcOracle(FakeQcOracle.WriteProgram(Path.Combine(_dir, "program")), new ProcessOracleOptions { ScratchRoot = _dir }).LabelAsync(Molecule);
        Assert.True(outcome.IsSuccess, outcome.ToString());
        Assert.Equal(local.Sample!.Energy, outcome.Sample.Energy);
        var launch = Assert.Single(launcher.Launches);
        Assert.Equal(OracleCallKey.Compute(oracle.Identity, Molecule), launch.Key);
        Assert.Equal(new[] { FakeQcOracle.InputFileName }, launch.Arguments.ToArray());
        Assert.Null(launch.Context);
        Assert.False(Directory.Exists(launcher.DirectoryOf(launch)));
    }

    [Fact]
    public async Task LabelAsync_LauncherReportsAFailure_TheFailureIsReturnedAndTheDirectoryKept()
    {
        var launcher = new InlineLauncher(_dir) { Failure = new OracleFailure(OracleFailureKind.Timeout, "job 5 timed out") };
        var oracle = new FakeQcOracle(FakeQcOracle.WriteProgram(Path.Combine(_dir, "program")), new ProcessOracleOptions { Launcher = launcher });

        var outcome = await oracle.LabelAsync(Molecule);

        Assert.Equal(OracleFailureKind.Timeout, outcome.Failure?.Kind);
        Assert.StartsWith("job 5 timed out (directory kept: ", outcome.Failure!.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(launcher.DirectoryOf(launcher.Launches[0])));
    }

    [Fact]
    public async Task LabellingEngine_ContextOracle_GetsTheKeyAndRecordsTheExternalJobId()
    {
        var launcher = new InlineLauncher(_dir) { JobId = "4711" };
        var oracle = new FakeQcOracle(FakeQcOracle.WriteProgram(Path.Combine(_dir, "program")), new ProcessOracleOptions { Launcher = launcher });
        using var store = RunStore.Open(Path.Combine(_dir, "run"), RunStoreOpenMode.CreateNew);

        var result = await new LabellingEngine(store).LabelAsync(oracle, [new LabelRequest(Molecule)]);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(LabelStatus.Labelled, outcome.Status);
        Assert.Equal(outcome.Key, Assert.Single(launcher.Launches).Context!.Key.Value);
        Assert.Equal("4711", store.GetOracleCall(outcome.Key)!.ExternalJobId);
    }

    /// <summary>Runs the command in-process with bash, in a directory per key; records what it was given.</summary>
    private sealed class InlineLauncher(string root) : IProcessLauncher
    {
        public List<ProcessLaunch> Launches { get; } = [];

        public OracleFailure? Failure { get; init; }

        public string? JobId { get; init; }

        public string DirectoryOf(ProcessLaunch launch) => Path.Combine(root, "calls", launch.Key.Value);

        public Task<ProcessLaunchResult> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken)
        {
            Launches.Add(launch);
            string dir = DirectoryOf(launch);
            Directory.CreateDirectory(dir);
            if (Failure is not null)
            {
                return Task.FromResult(ProcessLaunchResult.Failed(dir, Failure));
            }

            launch.WriteInputs(dir);
            if (JobId is not null)
            {
                launch.Context?.RecordExternalJobId(JobId);
            }

            string command = $"cd '{dir}' && '{launch.Program}' {string.Join(' ', launch.Arguments.Select(a => $"'{a}'"))} > {ProcessOracle.StdoutFileName} 2> {ProcessOracle.StderrFileName}";
            var (exit, _) = TestKit.Run("/bin/bash", "-c", command);
            return Task.FromResult(ProcessLaunchResult.Exited(dir, exit, TimeSpan.Zero));
        }
    }
}
