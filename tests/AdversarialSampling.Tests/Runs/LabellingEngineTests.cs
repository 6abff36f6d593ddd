using System.Collections.Immutable;
using AdversarialSampling.Oracles;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;
using AdversarialSampling.TestHost;

namespace AdversarialSampling.Tests.Runs;

public sealed class LabellingEngineTests : IDisposable
{
    private static readonly LabellingOptions Fast = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(4) };
    private readonly string _dir = RunTestKit.NewDirectory("labelling-");
    private readonly string _counts;
    private RunStore _store;

    public LabellingEngineTests()
    {
        _counts = Path.Combine(_dir, "calls.txt");
        _store = RunStore.Open(Path.Combine(_dir, "run"), RunStoreOpenMode.CreateNew);
    }

    public void Dispose()
    {
        _store.Dispose();
        RunTestKit.DeleteDirectory(_dir);
    }

    private static string KeyOf(AtomicStructure s) => OracleCallKey.Compute(CrashScenario.Oracle().Identity, s).Value;

    private static AtomicStructure Permuted(AtomicStructure s) // atoms 0,1,2 → 2,0,1
        => new([.. new[] { 2, 0, 1 }.Select(i => s.AtomicNumbers[i])], [.. new[] { 2, 0, 1 }.SelectMany(i => new[] { s.Positions[3 * i], s.Positions[3 * i + 1], s.Positions[3 * i + 2] })]);

    private CountingOracle Counting(Func<int, AtomicStructure, OracleOutcome?>? fault = null) => new(CrashScenario.Oracle(), _counts) { Fault = fault };

    private Task<LabellingResult> Label(IOracle oracle, IReadOnlyList<LabelRequest> requests, LabellingOptions? options = null, CancellationToken ct = default)
        => new LabellingEngine(_store).LabelAsync(oracle, requests, options ?? Fast, ct);

    private void Reopen()
    {
        _store.Dispose();
        _store = RunStore.Open(Path.Combine(_dir, "run"), RunStoreOpenMode.OpenExisting);
    }

    [Fact]
    public async Task LabelAsync_FreshBatch_LabelsEachRequestOnceWithProvenanceAndRecordsIt()
    {
        var requests = CrashScenario.Requests(4);

        var result = await Label(Counting(), requests);

        Assert.Equal(LabellingStatus.Completed, result.Status);
        Assert.All(result.Outcomes, o => Assert.Equal(LabelStatus.Labelled, o.Status));
        Assert.Equal(4, result.OracleInvocations);
        Assert.All(CountingOracle.ReadCounts(_counts).Values, c => Assert.Equal(1, c));
        var sample = result.Outcomes[2].Sample!;
        Assert.Equal(requests[2].Structure.Positions, sample.Structure.Positions);
        Assert.Equal(2L, sample.GetMetadata("seed_index", -1L));
        Assert.Equal(KeyOf(requests[2].Structure), sample.GetMetadata("oracle_key", string.Empty));
        Assert.Equal("LennardJones", sample.GetMetadata("oracle", string.Empty));
        var expected = CrashScenario.Oracle().Compute(requests[2].Structure);
        Assert.Equal(expected.Energy, sample.Energy);
        Assert.Equal(expected.Forces.ToArray(), sample.Forces.ToArray());
        Assert.Equal(4, _store.GetOracleCalls(OracleCallStatus.Succeeded).Count);
    }

    [Fact]
    public async Task LabelAsync_SecondPass_ReusesEveryKeyWithoutCallingAndGivesIdenticalSamples()
    {
        var requests = CrashScenario.Requests(4);
        var first = await Label(Counting(), requests);
        Reopen();

        var second = await Label(Counting(), requests);

        Assert.All(second.Outcomes, o => Assert.Equal(LabelStatus.Reused, o.Status));
        Assert.Equal(0, second.OracleInvocations);
        Assert.Equal(4, File.ReadAllLines(_counts).Length);
        Assert.Equal(RunTestKit.Text(first.Samples), RunTestKit.Text(second.Samples));
    }

    [Fact]
    public async Task LabelAsync_PermutedCopyInTheSameBatch_MergedIntoTheFirstRequest()
    {
        var a = CrashScenario.Requests(1)[0];
        var requests = new[] { a, a with { Structure = Permuted(a.Structure) } };

        var result = await Label(Counting(), requests);

        Assert.Equal(LabelStatus.Labelled, result.Outcomes[0].Status);
        Assert.Equal((LabelStatus.DuplicateOfKey, 0), (result.Outcomes[1].Status, result.Outcomes[1].DuplicateOf!.Value));
        Assert.Null(result.Outcomes[1].Sample);
        Assert.Equal(1, result.OracleInvocations);
    }

    [Fact]
    public async Task LabelAsync_PermutedStructureInALaterPass_ReusedWithForcesInItsOwnAtomOrder()
    {
        var a = CrashScenario.Requests(1)[0];
        await Label(Counting(), [a]);
        var permuted = Permuted(a.Structure);

        var result = await Label(Counting(), [new LabelRequest(permuted)]);

        Assert.Equal(LabelStatus.Reused, result.Outcomes[0].Status);
        var direct = CrashScenario.Oracle().Compute(permuted);
        Assert.Equal(direct.Energy, result.Outcomes[0].Sample!.Energy, 12);
        Assert.All(direct.Forces.Zip(result.Outcomes[0].Sample!.Forces), p => Assert.Equal(p.First, p.Second, 12));
        Assert.Equal(permuted.Positions, result.Outcomes[0].Sample!.Structure.Positions);
    }

    [Fact]
    public async Task LabelAsync_AtomsTooClose_GateRejectedWithoutCallingAndRecorded()
    {
        var close = new AtomicStructure([18, 18], [0, 0, 0, 0.5, 0, 0]);

        var result = await Label(Counting(), [new LabelRequest(close)]);

        var outcome = result.Outcomes[0];
        Assert.Equal((LabelStatus.GateRejected, OracleFailureKind.GeometryRejected), (outcome.Status, outcome.Failure!.Kind));
        Assert.Contains("atoms 0 (Ar) and 1 (Ar)", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_counts));
        var row = _store.GetOracleCall(outcome.Key)!;
        Assert.Equal((OracleCallStatus.Failed, OracleFailureKind.GeometryRejected, 0), (row.Status, row.Failure!.Kind, row.Attempts));
    }

    [Fact]
    public async Task LabelAsync_GateRejectedKeyUnderALooserGate_IsCalled()
    {
        var close = new LabelRequest(new AtomicStructure([18, 18], [0, 0, 0, 0.9, 0, 0]));
        await Label(Counting(), [close]);

        var result = await Label(Counting(), [close], new LabellingOptions { GeometryGate = new GeometryGate { CovalentFactor = 0.1 }, PhysicsGate = new PhysicsGate { MaxForceNorm = double.PositiveInfinity } });

        Assert.Equal(LabelStatus.Labelled, result.Outcomes[0].Status);
        Assert.Equal(OracleCallStatus.Succeeded, _store.GetOracleCall(result.Outcomes[0].Key)!.Status);
    }

    [Fact]
    public async Task LabelAsync_UnphysicalResult_FailedWithRawEnergyKeptAndNotPaidAgain()
    {
        var request = CrashScenario.Requests(1)[0];
        var garbage = Counting((_, s) => OracleOutcome.Success(new LabelledSample(s, 590.0, [1000, 0, 0, -1000, 0, 0, 0, 0, 0])));

        var first = await Label(garbage, [request]);
        var second = await Label(Counting(), [request]);

        Assert.Equal((LabelStatus.Failed, OracleFailureKind.UnphysicalResult), (first.Outcomes[0].Status, first.Outcomes[0].Failure!.Kind));
        Assert.Equal(590.0, _store.GetOracleCall(first.Outcomes[0].Key)!.Energy);
        Assert.Equal((LabelStatus.Failed, true), (second.Outcomes[0].Status, second.Outcomes[0].FailureFromStore));
        Assert.Equal(0, second.OracleInvocations);
        Assert.Empty(second.Samples);
    }

    [Fact]
    public async Task LabelAsync_OracleFailure_RecordedWithOutputTailAndRetriedOnlyWhenAsked()
    {
        var request = CrashScenario.Requests(1)[0];
        var failing = Counting((_, _) => OracleOutcome.Failed(OracleFailureKind.NonConvergence, "SCF did not converge", "cycle 250 ..."));

        var first = await Label(failing, [request]);
        var expected = new OracleFailure(OracleFailureKind.NonConvergence, "SCF did not converge", "cycle 250 ...");
        Assert.Equal(expected, first.Outcomes[0].Failure);
        Assert.Equal((OracleCallStatus.Failed, expected), (_store.GetOracleCall(first.Outcomes[0].Key)!.Status, _store.GetOracleCall(first.Outcomes[0].Key)!.Failure));

        var notRetried = await Label(Counting(), [request]);
        var retried = await Label(Counting(), [request], new LabellingOptions { RetryStoredFailures = ImmutableHashSet.Create(OracleFailureKind.NonConvergence) });

        Assert.Equal((LabelStatus.Failed, 0), (notRetried.Outcomes[0].Status, notRetried.OracleInvocations));
        Assert.Equal((LabelStatus.Labelled, 1), (retried.Outcomes[0].Status, retried.OracleInvocations));
        Assert.Equal(2, _store.GetOracleCall(first.Outcomes[0].Key)!.Attempts);
    }

    [Fact]
    public async Task LabelAsync_TransientInfrastructureErrors_RetriedWithBackoffThenLabelled()
    {
        var flaky = Counting((n, _) => n < 2 ? OracleOutcome.Failed(OracleFailureKind.Infrastructure, "scheduler unreachable") : null);

        var result = await Label(flaky, CrashScenario.Requests(1));

        Assert.Equal(LabelStatus.Labelled, result.Outcomes[0].Status);
        Assert.Equal(3, result.OracleInvocations);
        Assert.Equal(3, _store.GetOracleCall(result.Outcomes[0].Key)!.Attempts);
    }

    [Fact]
    public async Task LabelAsync_PersistentInfrastructureError_PausesWithEverythingCommittedThenResumeCompletes()
    {
        var requests = CrashScenario.Requests(4);
        string down = KeyOf(requests[1].Structure);
        var broken = Counting((_, s) => KeyOf(s) == down ? OracleOutcome.Failed(OracleFailureKind.Infrastructure, "disk full") : null);

        var paused = await Label(broken, requests);

        Assert.Equal(LabellingStatus.Paused, paused.Status);
        Assert.Contains(down, paused.PauseReason!.Message, StringComparison.Ordinal);
        Assert.Contains("disk full", paused.PauseReason.Message, StringComparison.Ordinal);
        Assert.Equal([LabelStatus.Labelled, LabelStatus.Pending, LabelStatus.Pending, LabelStatus.Pending], paused.Outcomes.Select(o => o.Status));
        var row = _store.GetOracleCall(down)!;
        Assert.Equal((OracleCallStatus.Intent, OracleFailureKind.Infrastructure, 3), (row.Status, row.Failure!.Kind, row.Attempts));

        Reopen();
        var resumed = await Label(Counting(), requests);

        Assert.Equal(LabellingStatus.Completed, resumed.Status);
        Assert.Equal([LabelStatus.Reused, LabelStatus.Labelled, LabelStatus.Labelled, LabelStatus.Labelled], resumed.Outcomes.Select(o => o.Status));
        var counts = CountingOracle.ReadCounts(_counts);
        Assert.Equal([1, 1, 1], new[] { 0, 2, 3 }.Select(i => counts[KeyOf(requests[i].Structure)]));
    }

    [Fact]
    public async Task LabelAsync_Cancelled_ThrowsRecordsNothingFalseAndResumeCompletes()
    {
        var requests = CrashScenario.Requests(3);
        using var cts = new CancellationTokenSource();
        var blocking = new CountingOracle(CrashScenario.Oracle(), _counts) { BlockAtCall = 1, OnBlocked = _ => cts.Cancel() };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Label(blocking, requests, ct: cts.Token));

        Assert.Equal(OracleCallStatus.Succeeded, _store.GetOracleCall(KeyOf(requests[0].Structure))!.Status);
        var inFlight = _store.GetOracleCall(KeyOf(requests[1].Structure))!;
        Assert.Equal((OracleCallStatus.Intent, null), (inFlight.Status, inFlight.Failure));
        Assert.Null(_store.GetOracleCall(KeyOf(requests[2].Structure)));

        var resumed = await Label(Counting(), requests);

        Assert.Equal([LabelStatus.Reused, LabelStatus.Labelled, LabelStatus.Labelled], resumed.Outcomes.Select(o => o.Status));
        Assert.All(CountingOracle.ReadCounts(_counts).Values, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task LabelAsync_OracleThrows_IOExceptionPausesOtherExceptionsAreCrashes()
    {
        var requests = CrashScenario.Requests(2);
        string io = KeyOf(requests[0].Structure);
        var throwing = Counting((_, s) => throw (KeyOf(s) == io ? new IOException("no space left") : new InvalidOperationException("bug")));

        var first = await Label(throwing, requests, new LabellingOptions { InfrastructureAttempts = 1 });

        Assert.Equal(LabellingStatus.Paused, first.Status);
        Assert.Equal(OracleFailureKind.Infrastructure, first.PauseReason!.Kind);
        var crash = await Label(throwing, [requests[1]]);
        Assert.Equal((LabelStatus.Failed, OracleFailureKind.Crash), (crash.Outcomes[0].Status, crash.Outcomes[0].Failure!.Kind));
        Assert.Contains("InvalidOperationException: bug", crash.Outcomes[0].Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_OracleReturnsOtherAtoms_ParseError()
    {
        var wrong = Counting((_, _) => OracleOutcome.Success(new LabelledSample(new AtomicStructure([1], [0, 0, 0]), -1)));

        var result = await Label(wrong, CrashScenario.Requests(1));

        Assert.Equal(OracleFailureKind.ParseError, result.Outcomes[0].Failure!.Kind);
    }

    [Fact]
    public async Task LabelAsync_FourAtOnce_SameOutcomesAsOneAtATime()
    {
        var requests = CrashScenario.Requests(8);
        var parallel = await Label(Counting(), requests, new LabellingOptions { MaxConcurrency = 4 });
        Reopen();
        string sequentialDir = Path.Combine(_dir, "sequential");
        using var other = RunStore.Open(sequentialDir, RunStoreOpenMode.CreateNew);

        var sequential = await new LabellingEngine(other).LabelAsync(CrashScenario.Oracle(), requests);

        Assert.Equal(RunTestKit.Text(sequential.Samples), RunTestKit.Text(parallel.Samples));
        Assert.Equal(8, File.ReadAllLines(_counts).Length);
    }

    [Fact]
    public async Task LabelAsync_MixedOutcomes_CountsByStatusAndKindAndFailureRatio()
    {
        var good = CrashScenario.Requests(2);
        string failing = KeyOf(good[1].Structure);
        var requests = new[] { good[0], good[1], new LabelRequest(new AtomicStructure([18, 18], [0, 0, 0, 0.2, 0, 0])), good[0] };
        var progress = new CollectingProgress();

        var result = await Label(
            Counting((_, s) => KeyOf(s) == failing ? OracleOutcome.Failed(OracleFailureKind.Timeout, "walltime") : null),
            requests,
            new LabellingOptions { Progress = progress });

        Assert.Equal([LabelStatus.Labelled, LabelStatus.Failed, LabelStatus.GateRejected, LabelStatus.DuplicateOfKey], result.Outcomes.Select(o => o.Status));
        Assert.Equal(1, result.Count(LabelStatus.DuplicateOfKey));
        Assert.Equal(0, result.Count(LabelStatus.Reused));
        Assert.Equal(new Dictionary<OracleFailureKind, int> { [OracleFailureKind.GeometryRejected] = 1, [OracleFailureKind.Timeout] = 1 }, result.FailuresByKind);
        Assert.Equal(2.0 / 3, result.FailureRatio, 12);
        Assert.Equal([0, 1, 2, 3], progress.Indices.Order());
    }

    [Fact]
    public async Task LabelAsync_ReservedProvenanceKey_ThrowsBeforeAnythingIsPaid()
    {
        var request = CrashScenario.Requests(1)[0] with { Provenance = new Dictionary<string, object> { ["energy"] = 1.0 } };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Label(Counting(), [request]));

        Assert.Contains("Request 0", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_counts));
        Assert.Empty(_store.GetOracleCalls());
    }

    [Fact]
    public async Task LabelAsync_NullStructure_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Label(Counting(), [new LabelRequest(null!)]));
    }

    [Fact]
    public async Task LabelAsync_InvalidOptions_ThrowListingEveryProblem()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Label(Counting(), [], new LabellingOptions { MaxConcurrency = 0, InfrastructureAttempts = 0 }));

        Assert.Contains("MaxConcurrency", e.Message, StringComparison.Ordinal);
        Assert.Contains("InfrastructureAttempts", e.Message, StringComparison.Ordinal);
    }

    private sealed class CollectingProgress : IProgress<LabelOutcome>
    {
        private readonly Lock _gate = new();
        private readonly List<int> _indices = [];

        public IReadOnlyList<int> Indices
        {
            get
            {
                lock (_gate)
                {
                    return [.. _indices];
                }
            }
        }

        public void Report(LabelOutcome value)
        {
            lock (_gate)
            {
                _indices.Add(value.RequestIndex);
            }
        }
    }
}
