using AdversarialSampling.Oracles;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>reliability.md §2: the manifest decides; the scheduler state classifies only when there is no manifest.</summary>
public sealed class SlurmJobClassifierTests
{
    /// <summary>Every terminal state × manifest present/absent, with the expected verdict and failure kind.</summary>
    public static TheoryData<string, string, bool, string, OracleFailureKind?> TerminalStates()
    {
        var data = new TheoryData<string, string, bool, string, OracleFailureKind?>();
        (string State, string Exit, SlurmVerdictKind Verdict, OracleFailureKind? Kind)[] withoutManifest =
        [
            ("COMPLETED", "0:0", SlurmVerdictKind.Submit, null),
            ("TIMEOUT", "0:15", SlurmVerdictKind.Fail, OracleFailureKind.Timeout),
            ("DEADLINE", "0:15", SlurmVerdictKind.Fail, OracleFailureKind.Timeout),
            ("OUT_OF_MEMORY", "0:125", SlurmVerdictKind.Fail, OracleFailureKind.Crash),
            ("NODE_FAIL", "0:0", SlurmVerdictKind.Fail, OracleFailureKind.Infrastructure),
            ("BOOT_FAIL", "0:0", SlurmVerdictKind.Fail, OracleFailureKind.Infrastructure),
            ("PREEMPTED", "0:15", SlurmVerdictKind.Fail, OracleFailureKind.Infrastructure),
            ("REVOKED", "0:0", SlurmVerdictKind.Fail, OracleFailureKind.Infrastructure),
            ("CANCELLED", "0:15", SlurmVerdictKind.Fail, OracleFailureKind.Cancelled),
            ("FAILED", "1:0", SlurmVerdictKind.Fail, OracleFailureKind.Crash),
            ("FAILED", "91:0", SlurmVerdictKind.Fail, OracleFailureKind.SetupError),
            ("SPECIAL_EXIT", "0:0", SlurmVerdictKind.Fail, OracleFailureKind.Crash),
        ];
        foreach (var (state, exit, verdict, kind) in withoutManifest)
        {
            data.Add(state, exit, false, verdict.ToString(), kind);
            data.Add(state, exit, true, nameof(SlurmVerdictKind.Harvest), null);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TerminalStates))]
    public void Decide_TerminalStateWithOrWithoutManifest_ManifestDecidesAndStateOnlyClassifies(
        string state, string exitCode, bool manifest, string expected, OracleFailureKind? kind)
    {
        var job = new SlurmJob("42", "as-k", state, state == "FAILED" ? "NonZeroExitCode" : "None", "adversarial-sampling:k", exitCode);

        var verdict = SlurmJobClassifier.Decide(job, manifest, "fake-qc");

        Assert.Equal(expected, verdict.Kind.ToString());
        Assert.Equal(kind, verdict.Failure?.Kind);
        if (verdict.Failure is { } failure)
        {
            Assert.Contains("42", failure.Message, StringComparison.Ordinal);
            Assert.Contains(state, failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TerminalStates_CoverEveryStateOfTheTable()
        => Assert.Equal(
            SlurmJobClassifier.TerminalStates.Order(StringComparer.Ordinal),
            TerminalStates().Select(row => (string)row[0]).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("PENDING")]
    [InlineData("RUNNING")]
    [InlineData("COMPLETING")]
    [InlineData("CONFIGURING")]
    [InlineData("SUSPENDED")]
    [InlineData("REQUEUED")]
    [InlineData("REQUEUE_HOLD")]
    [InlineData("RESIZING")]
    [InlineData("SIGNALING")]
    [InlineData("STAGE_OUT")]
    [InlineData("STOPPED")]
    [InlineData("SOME_FUTURE_STATE")]
    public void Decide_LiveStateWithOrWithoutManifest_WaitsUnlessTheManifestExists(string state)
    {
        var job = new SlurmJob("7", "as-k", state, "None", "");

        Assert.Equal(SlurmVerdictKind.Wait, SlurmJobClassifier.Decide(job, false, "x").Kind);
        Assert.Equal(SlurmVerdictKind.Harvest, SlurmJobClassifier.Decide(job, true, "x").Kind);
    }

    [Fact]
    public void Decide_NoJobKnown_SubmitsWithoutAManifestAndHarvestsWithOne()
    {
        Assert.Equal(SlurmVerdictKind.Submit, SlurmJobClassifier.Decide(null, false, "x").Kind);
        Assert.Equal(SlurmVerdictKind.Harvest, SlurmJobClassifier.Decide(null, true, "x").Kind);
    }
}
