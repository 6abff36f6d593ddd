using System.Collections.Immutable;
using AdversarialSampling.Oracles;

namespace AdversarialSampling.Slurm.TestHost;

/// <summary>The SLURM and oracle settings shared by the real-cluster tests and their child process.</summary>
public static class SlurmTestSetup
{
    /// <summary>Fast polling and retries for a one-node test cluster.</summary>
    public static SlurmOptions Options(string workRoot) => new()
    {
        WorkRoot = workRoot,
        PollInterval = TimeSpan.FromMilliseconds(300),
        RetryBaseDelay = TimeSpan.FromMilliseconds(500),
        RetryMaxDelay = TimeSpan.FromSeconds(2),
        ControllerOutageTolerance = TimeSpan.FromSeconds(90),
        TimeLimit = TimeSpan.FromMinutes(5),
        ManifestGracePeriod = TimeSpan.FromSeconds(2),
    };

    /// <summary>A fake-qc oracle whose calls run as SLURM jobs (or locally when <paramref name="slurm"/> is null).</summary>
    public static FakeQcOracle Oracle(string programDirectory, string countFile, double sleepSeconds, SlurmOptions? slurm)
        => Oracle(programDirectory, countFile, sleepSeconds, slurm is null ? null : new SlurmLauncher(slurm));

    /// <summary>A fake-qc oracle whose calls run as detached local jobs with leases (<see cref="LocalJobLauncher"/>).</summary>
    public static FakeQcOracle LocalJobOracle(string programDirectory, string countFile, double sleepSeconds, string workRoot, TimeSpan? timeout = null)
        => Oracle(programDirectory, countFile, sleepSeconds, new LocalJobLauncher(workRoot, TimeSpan.FromMilliseconds(100)), timeout);

    private static FakeQcOracle Oracle(string programDirectory, string countFile, double sleepSeconds, AdversarialSampling.Oracles.IProcessLauncher? launcher, TimeSpan? timeout = null)
    {
        var options = new ProcessOracleOptions
        {
            ScratchRoot = Path.Combine(programDirectory, "scratch"),
            Environment = ImmutableDictionary.CreateRange(new Dictionary<string, string>
            {
                ["FAKE_QC_COUNT"] = countFile,
                ["FAKE_QC_SLEEP"] = sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
        };
        return new FakeQcOracle(FakeQcOracle.WriteProgram(programDirectory), options with { Launcher = launcher, Timeout = timeout });
    }
}
