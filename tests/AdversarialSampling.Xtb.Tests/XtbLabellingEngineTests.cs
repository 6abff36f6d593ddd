using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using static AdversarialSampling.Xtb.Tests.XtbTestSupport;

namespace AdversarialSampling.Xtb.Tests;

/// <summary>The xtb oracle inside the labelling engine: keys carry the xtb version, results are paid once, cancellation is an interruption.</summary>
[Trait("Category", "Xtb")]
public sealed class XtbLabellingEngineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "as-xtb-engine-" + Guid.NewGuid().ToString("N"));

    public XtbLabellingEngineTests()
    {
        RequireXtb();
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private XtbOracle Oracle() => new(new XtbOptions { ScratchRoot = Path.Combine(_dir, "scratch") });

    [Fact]
    public async Task Engine_LabelsWithXtbOnceAndReusesTheResultsNextTime()
    {
        using var store = RunStore.Open(Path.Combine(_dir, "run"), RunStoreOpenMode.CreateNew);
        LabelRequest[] requests = [new(Ammonia()), new(AmmoniaWithShortBond()), new(AlanineDipeptide())];

        var first = await new LabellingEngine(store).LabelAsync(Oracle(), requests);
        var second = await new LabellingEngine(store).LabelAsync(Oracle(), requests);

        Assert.Equal(LabellingStatus.Completed, first.Status);
        Assert.Equal([LabelStatus.Labelled, LabelStatus.GateRejected, LabelStatus.Labelled], first.Outcomes.Select(o => o.Status));
        Assert.Equal(2, first.OracleInvocations);
        Assert.Equal("6.5.1", first.Outcomes[0].Sample!.GetMetadata("oracle_version", string.Empty));
        Assert.Equal([LabelStatus.Reused, LabelStatus.GateRejected, LabelStatus.Reused], second.Outcomes.Select(o => o.Status));
        Assert.Equal(0, second.OracleInvocations);
        Assert.Equal(first.Outcomes[2].Sample!.Forces.ToArray(), second.Outcomes[2].Sample!.Forces.ToArray());
    }

    [Fact]
    public async Task Engine_CancelledXtbCall_IsNotRecordedAsAFailureAndRunsAgainNextTime()
    {
        using var store = RunStore.Open(Path.Combine(_dir, "run"), RunStoreOpenMode.CreateNew);
        var oracle = Oracle();
        var cluster = WaterCluster(5);
        var key = OracleCallKey.Compute(oracle.Identity, cluster).Value; // probes the version before the clock starts
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(0.5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LabellingEngine(store).LabelAsync(oracle, [new(cluster)], cancellationToken: cts.Token));

        Assert.Equal(OracleCallStatus.Intent, store.GetOracleCall(key)!.Status);
        Assert.Empty(ProcessesWorkingUnder(Path.Combine(_dir, "scratch")));
    }
}
