using AdversarialSampling.Loop;
using AdversarialSampling.Oracles;
using AdversarialSampling.Potentials;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Runs;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// Issue #5 item 4 and the energy-ceiling option, with a fast non-differentiable fake committee and a fixed-points
/// explorer: failed and gated candidates are recorded with their reason and never trained on, a failure ratio above
/// the threshold stops the run for good, infrastructure trouble pauses it resumably, labels above the energy ceiling
/// are stored but not trained on.
/// </summary>
[Collection(TestSupport.SerialCollection.Name)]
public sealed class LoopFailurePolicyTests() : RecordingLoopTests("loop-policy-")
{
    private string RunDir => Path.Combine(Root, "run");

    private static Dataset Initial { get; } = DoubleWell2D.InitialTrainingSet(points: 100, seed: 1);

    private ActiveLearningLoopBuilder Builder(IOracle oracle, params (double X, double Y)[] points)
        => ActiveLearningLoop.CreateBuilder()
            .WithCommittee(seed => new RecordingCommittee(seed))
            .WithOracle(oracle)
            .WithInitialData(Initial)
            .AddExplorer(new FixedPointsAttack(points))
            .WithSelection(new SelectionOptions { Cap = null, Percentile = 50, DistanceToTraining = null, DistanceBetweenCandidates = 0, RmsdMode = RmsdMode.Plain })
            .WithGenerations(1)
            .WithInfrastructureRetry(2, TimeSpan.Zero, TimeSpan.Zero)
            .WithRunDirectory(RunDir);

    private static bool HasPoint(Dataset data, double x) => data.Any(s => s.Structure.Positions[0] == x);

    [Fact]
    public async Task RunAsync_EnergyCeiling_KeepsHighLabelsInTheDatasetButNeverTrainsOnThem()
    {
        // Initial minimum ≈ −3.9 eV; ceiling 5 eV above it. x = 1.2 (E ≈ 8.7 eV) is above, x = −0.5 (E ≈ −2.9 eV) below.
        var loop = Builder(new DoubleWell2D(), (1.2, 0), (-0.5, 0.1)).WithRetraining(new RetrainingOptions { EnergyCeiling = 5 }).Build();
        var reports = await Collect(loop.RunAsync());

        var last = reports[^1];
        Assert.Equal(2, last.LabelsAdded);
        Assert.Equal(1, last.ExcludedByEnergyCeiling);
        var dataset = loop.LoadDataset(1);
        Assert.True(HasPoint(dataset, 1.2) && HasPoint(dataset, -0.5)); // both stored
        var exported = AdversarialSampling.IO.ExtendedXyzReader.ReadSamples(Path.Combine(RunDir, "generations", "gen-001", "dataset.extxyz")).ToList();
        Assert.Equal(dataset.Count, exported.Count);
        var trained = RecordingCommittee.Trained[^1].Training!;
        Assert.False(HasPoint(trained, 1.2));
        Assert.Equal(4, trained.Count(s => s.Structure.Positions[0] == -0.5)); // replicated ×4
        Assert.Equal(last.TrainingSize, trained.Count);
    }

    [Fact]
    public async Task RunAsync_NoEnergyCeiling_TrainsOnEveryLabel()
    {
        var loop = Builder(new DoubleWell2D(), (1.2, 0), (-0.5, 0.1)).Build();
        var last = (await Collect(loop.RunAsync()))[^1];
        Assert.Equal(0, last.ExcludedByEnergyCeiling);
        Assert.True(HasPoint(RecordingCommittee.Trained[^1].Training!, 1.2));
    }

    [Fact]
    public async Task RunAsync_FailedAndGatedCandidates_AreRecordedWithTheirReasonAndNeverTrainedOn()
    {
        // x = 1.5: |F| ≈ 107 eV/Å, above the physics gate's 100 eV/Å; x = −0.9 crashes; x = −0.6 and −0.7 are labelled.
        var oracle = new ScriptedOracle(s => s.Positions[0] == -0.9 ? OracleOutcome.Failed(OracleFailureKind.Crash, "segfault") : null);
        var loop = Builder(oracle, (1.5, 0), (-0.9, 0), (-0.6, 0), (-0.7, 0)).Build();
        var last = (await Collect(loop.RunAsync()))[^1];

        Assert.Equal(LoopStopReason.Completed, last.StopReason);
        Assert.Equal(0.5, last.FailureRatio);
        Assert.Equal(1, last.FailuresByKind[OracleFailureKind.UnphysicalResult]);
        Assert.Equal(1, last.FailuresByKind[OracleFailureKind.Crash]);
        Assert.Equal(2, last.LabelsAdded);
        using (var store = RunStore.Open(RunDir, RunStoreOpenMode.ReadOnly))
        {
            var candidates = store.GetCandidates(1);
            var crashed = candidates.Single(c => c.Structure.Positions[0] == -0.9);
            Assert.Equal(LabelStatus.Failed, crashed.LabelStatus);
            Assert.Equal(OracleFailureKind.Crash, crashed.LabelFailureKind);
            Assert.Equal("segfault", crashed.LabelMessage);
            var gated = candidates.Single(c => c.Structure.Positions[0] == 1.5);
            Assert.Equal(OracleFailureKind.UnphysicalResult, gated.LabelFailureKind);
            Assert.Contains("above the bound 100 eV/Å", gated.LabelMessage, StringComparison.Ordinal);
        }

        var trained = RecordingCommittee.Trained[^1].Training!;
        Assert.False(HasPoint(trained, 1.5) || HasPoint(trained, -0.9));
        Assert.False(HasPoint(loop.LoadDataset(1), 1.5) || HasPoint(loop.LoadDataset(1), -0.9));
    }

    [Fact]
    public async Task RunAsync_FailureRatioAboveTheThreshold_StopsWithASummaryAndResumeRefuses()
    {
        var oracle = new ScriptedOracle(s => s.Positions[0] > -0.8 ? OracleOutcome.Failed(OracleFailureKind.NonConvergence, "SCF did not converge") : null);
        var loop = Builder(oracle, (-0.5, 0), (-0.6, 0), (-0.7, 0), (-0.9, 0)).WithGenerations(3).WithMaxFailureRatio(0.5).Build();
        var reports = await Collect(loop.RunAsync());

        var stopped = reports[^1];
        Assert.Equal(1, stopped.Generation); // generations 2 and 3 never ran
        Assert.Equal(LoopStopReason.FailureRatioExceeded, stopped.StopReason);
        Assert.Equal(0.75, stopped.FailureRatio);
        Assert.Equal(1, stopped.LabelsAdded); // the good label is kept
        Assert.Null(stopped.Validation);
        Assert.Equal(
            "generation 1: 3 label request(s) failed or were rejected, a failure ratio of 0.75 above MaxFailureRatio 0.5 (by kind: NonConvergence 3). Its 1 good label(s) were merged and the committee was not retrained. Inspect the failures recorded in the run store, fix the oracle or the gates, and start a new run.",
            stopped.StopMessage);
        Assert.Single(RecordingCommittee.Trained); // generation 0 only

        var e = await Assert.ThrowsAsync<RunStoppedException>(() => Collect(loop.ResumeAsync()));
        Assert.Equal($"The run in '{loop.RunDirectory}' stopped for good at generation 1: {stopped.StopMessage}", e.Message);
    }

    [Fact]
    public async Task RunAsync_InfrastructureTroubleOutlastingTheRetries_PausesAndResumeFinishesWithoutRepaying()
    {
        bool down = true;
        var oracle = new ScriptedOracle(s => down && s.Positions[0] == -0.6 ? OracleOutcome.Failed(OracleFailureKind.Infrastructure, "scheduler unreachable") : null);
        var loop = Builder(oracle, (-0.5, 0), (-0.6, 0), (-0.7, 0)).Build();
        var e = await Assert.ThrowsAsync<RunPausedException>(() => Collect(loop.RunAsync()));
        Assert.Equal(1, e.Generation);
        Assert.Equal(OracleFailureKind.Infrastructure, e.Reason.Kind);
        Assert.Contains("scheduler unreachable", e.Message, StringComparison.Ordinal);
        Assert.Contains("call ResumeAsync", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, oracle.Calls); // x = −0.5, then two attempts at x = −0.6; x = −0.7 was never started

        down = false;
        var reports = await Collect(loop.ResumeAsync());
        var last = Assert.Single(reports);
        Assert.Equal(1, last.Generation);
        Assert.Equal(3, last.LabelsAdded);
        Assert.Equal(5, oracle.Calls); // the paused key and the unstarted one; x = −0.5 is not paid again
        Assert.Equal(1, last.LabelOutcomes[LabelStatus.Reused]);
        Assert.Equal(2, last.LabelOutcomes[LabelStatus.Labelled]);
    }

    [Fact]
    public async Task ResumeAsync_FactoryCommittee_IsRetrainedDeterministicallyInsteadOfLoaded()
    {
        var loop = Builder(new DoubleWell2D(), (-0.5, 0)).WithGenerations(2).Build();
        using var cts = new CancellationTokenSource();
        loop.AfterPhaseCommitted = (g, phase) =>
        {
            if (g == 1 && phase == "evaluate")
            {
                cts.Cancel();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect(loop.RunAsync(cts.Token)));
        loop.AfterPhaseCommitted = null;
        int before = RecordingCommittee.Trained.Count;

        var reports = await Collect(loop.ResumeAsync()); // generation 1's report was committed before the cancellation was seen
        Assert.Equal([2], reports.Select(r => r.Generation));
        var retrained = RecordingCommittee.Trained[before]; // committee 1 rebuilt to explore generation 2
        var original = RecordingCommittee.Trained[before - 1];
        Assert.Equal(original.Seed, retrained.Seed);
        Assert.Equal(RunTestKit.Text(original.Training!), RunTestKit.Text(retrained.Training!));
    }
}
