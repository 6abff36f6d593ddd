using AdversarialSampling.Oracles;
using AdversarialSampling.Slurm.TestHost;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>Walltime on the real cluster: minute resolution, so a 1-minute limit ends the job after about 70 s (slow tier).</summary>
[Trait("Category", "Slurm")]
[Trait("Category", "Slow")]
[Collection(SlurmClusterCollection.Name)]
public sealed class SlurmWalltimeTests : IDisposable
{
    private readonly string _dir = TestKit.NewDirectory("as-slurm-walltime-");

    public void Dispose() => TestKit.DeleteDirectory(_dir);

    [SlurmFact]
    public async Task LabelAsync_JobExceedsItsTimeLimit_IsATimeoutFailureFromTheSchedulerState()
    {
        var options = SlurmTestSetup.Options(Path.Combine(_dir, "work")) with { TimeLimit = TimeSpan.FromMinutes(1) };
        var oracle = SlurmTestSetup.Oracle(Path.Combine(_dir, "program"), Path.Combine(_dir, "count.txt"), 600, options);

        var outcome = await oracle.LabelAsync(FakeQcOracle.Molecules(1)[0]).WaitAsync(TimeSpan.FromMinutes(4));

        Assert.Equal(OracleFailureKind.Timeout, outcome.Failure?.Kind);
        Assert.Contains("TIMEOUT", outcome.Failure!.Message, StringComparison.Ordinal);
    }
}
