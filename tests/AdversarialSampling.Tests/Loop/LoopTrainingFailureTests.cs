using AdversarialSampling.Committees;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;
using AdversarialSampling.Selection;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// A committee whose training diverged before a single epoch finished holds untrained weights: the loop throws
/// <see cref="CommitteeTrainingFailedException"/> instead of exploring with it and paying the oracle for what it proposes.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoopTrainingFailureTests() : RecordingLoopTests("loop-train-fail-")
{
    private static readonly CommitteeTrainingResult GaveUpAtOnce = new() { Epochs = 0, BestEpoch = [0, 0, 0], BestValidationLoss = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity], Rollbacks = 10, Diverged = true };

    private ActiveLearningLoop Loop(string name, ScriptedOracle oracle, int generations = 2, ListLoggerFactory? logs = null)
        => ActiveLearningLoop.CreateBuilder()
            .WithCommittee(s => new RecordingCommittee(s))
            .WithOracle(oracle)
            .WithInitialData(AdversarialSampling.Potentials.DoubleWell2D.InitialTrainingSet(points: 100, seed: 1))
            .AddExplorer(new FixedPointsAttack([(-1.0, 0.0), (-0.8, 0.2)]))
            .WithSelection(new SelectionOptions { Cap = null, Percentile = 0, DistanceToTraining = null, DistanceBetweenCandidates = 0, RmsdMode = RmsdMode.Plain })
            .WithGenerations(generations)
            .WithRunDirectory(Path.Combine(Root, name))
            .WithLogging(logs ?? new ListLoggerFactory())
            .Build();

    [Fact]
    public async Task RunAsync_InitialTrainingGaveUpBeforeAnEpoch_ThrowsBeforeExploringStopsForGoodAndResumeRefuses()
    {
        RecordingCommittee.Result = GaveUpAtOnce;
        var oracle = new ScriptedOracle();
        var loop = Loop("gen0", oracle);

        var e = await Assert.ThrowsAsync<CommitteeTrainingFailedException>(() => Collect(loop.RunAsync()));

        Assert.Equal((0, 10), (e.Generation, e.Rollbacks));
        Assert.Contains("Generation 0: the committee's training diverged before it finished a single epoch (10 rollbacks", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Root, "gen0"), e.Message, StringComparison.Ordinal);
        Assert.Equal(0, oracle.Calls);
        Assert.Empty(loop.ReadReports());
        using (var store = RunStore.Open(Path.Combine(Root, "gen0"), RunStoreOpenMode.ReadOnly))
        {
            Assert.False(store.IsPhaseComplete(0, "train"));
            Assert.Equal(0, store.CountOracleCalls().Total);
            Assert.Equal(new LoopStop(0, LoopStopReason.TrainingFailed, e.Message), ActiveLearningLoop.ReadStop(store));
        }

        // Training is deterministic: a resume would diverge again, so it is refused at once, naming the cause.
        int trainings = RecordingCommittee.Trained.Count;
        var stopped = await Assert.ThrowsAsync<RunStoppedException>(() => Collect(Loop("gen0", oracle).ResumeAsync()));
        Assert.Equal($"The run in '{Path.Combine(Root, "gen0")}' stopped for good at generation 0: {e.Message}", stopped.Message);
        Assert.Equal(trainings, RecordingCommittee.Trained.Count); // no training tried
        Assert.Equal(0, oracle.Calls);
    }

    [Fact]
    public async Task RunAsync_RetrainingGaveUpInGeneration1_KeepsItsLabelsAndNeverExploresGeneration2()
    {
        var oracle = new ScriptedOracle();
        var loop = Loop("gen1", oracle, generations: 3);
        var reports = new List<GenerationReport>();

        var e = await Assert.ThrowsAsync<CommitteeTrainingFailedException>(async () =>
        {
            await foreach (var report in loop.RunAsync())
            {
                reports.Add(report);
                RecordingCommittee.Result = GaveUpAtOnce; // generation 0 trained; every later training gives up
            }
        });

        Assert.Equal(1, e.Generation);
        Assert.Equal([0], reports.Select(r => r.Generation));
        Assert.Equal(2, oracle.Calls); // generation 1's two fixed points, labelled with generation 0's committee
        using var store = RunStore.Open(Path.Combine(Root, "gen1"), RunStoreOpenMode.ReadOnly);
        Assert.True(store.IsPhaseComplete(1, "merge"));
        Assert.False(store.IsPhaseComplete(1, "train"));
        Assert.False(store.IsPhaseComplete(2, "explore"));
        Assert.Equal(new OracleCallCounts(0, 2, 0), store.CountOracleCalls());
        Assert.Equal((1, LoopStopReason.TrainingFailed), (ActiveLearningLoop.ReadStop(store)!.Generation, ActiveLearningLoop.ReadStop(store)!.Reason));
    }

    [Fact]
    public async Task RunAsync_TrainingDivergedAfterSomeEpochs_KeepsTheBestWeightsAndGoesOnWithAWarning()
    {
        RecordingCommittee.Result = GaveUpAtOnce with { Epochs = 3, BestEpoch = [2, 3, 2], BestValidationLoss = [0.1, 0.1, 0.1] };
        var oracle = new ScriptedOracle();
        var logs = new ListLoggerFactory();

        var reports = await Collect(Loop("later", oracle, logs: logs).RunAsync());

        Assert.Equal([0, 1, 2], reports.Select(r => r.Generation));
        Assert.Equal(LoopStopReason.Completed, reports[^1].StopReason);
        var diverged = logs.Entries.Where(e => e.Id.Id == 1309).Select(e => e.Message).ToList(); // warning: kept its best weights
        Assert.Equal(["Generation 0:", "Generation 1:", "Generation 2:"], diverged.Select(m => m[..13]));
    }

    [Fact]
    public async Task RunAsync_TorchCommitteeWhoseFirstEpochDiverges_ThrowsNamingTheLearningRate()
    {
        string dir = Path.Combine(Root, "torch");
        var oracle = new ScriptedOracle();
        var loop = TestHost.TinyLoop.Builder(dir, oracle)
            .WithCommittee(
                new AdversarialSampling.Models.MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 32, Depth = 3 },
                new CommitteeOptions { Members = 3, Training = new TrainingOptions { Epochs = 15, LearningRate = 1e30, BatchSize = 32, MaxRollbacks = 2 } })
            .Build();

        var e = await Assert.ThrowsAsync<CommitteeTrainingFailedException>(() => Collect(loop.RunAsync()));

        Assert.Equal((0, 2), (e.Generation, e.Rollbacks));
        Assert.Contains("the learning rate halved from 1E+30 each time", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, oracle.Calls);
    }

    [Theory]
    [InlineData(RetrainingMode.WarmStart)]
    [InlineData(RetrainingMode.Reinitialize)]
    public async Task RunAsync_Generation1sEveryEpochDiverges_WarmStartGoesOnWithGeneration0sWeightsAndReinitialisingThrows(RetrainingMode mode)
    {
        string dir = Path.Combine(Root, mode.ToString());
        var oracle = new ScriptedOracle();
        var loop = TestHost.TinyLoop.Builder(dir, oracle)
            .WithCommittee(
                new AdversarialSampling.Models.MlpSpec { AtomCount = 1, InputComponents = [0, 1], Width = 32, Depth = 3 },
                new CommitteeOptions { Members = 3, Training = new TrainingOptions { Epochs = 5, LearningRate = 1e-2, BatchSize = 32, MaxRollbacks = 2 } })
            .WithRetraining(new RetrainingOptions { Mode = mode })
            .Build();
        loop.BeforeTraining = (g, committee) =>
        {
            if (g == 1)
            {
                // Every epoch of generation 1 starts from NaN weights: it never finishes one.
                ((TorchCommittee)committee).BeforeEpoch = (_, model) =>
                {
                    using var noGrad = TorchSharp.torch.no_grad();
                    model.Parameters().First().fill_(double.NaN);
                };
            }
        };
        var reports = new List<GenerationReport>();

        async Task Run()
        {
            await foreach (var report in loop.RunAsync())
            {
                reports.Add(report);
            }
        }

        if (mode == RetrainingMode.WarmStart)
        {
            await Run();
            Assert.Equal([0, 1, 2], reports.Select(r => r.Generation));
            Assert.Equal(0, reports[1].TrainingEpochs); // generation 0's weights, kept
            Assert.True(reports[2].LabelsAdded > 0);
        }
        else
        {
            var e = await Assert.ThrowsAsync<CommitteeTrainingFailedException>(Run);
            Assert.Equal((1, 2), (e.Generation, e.Rollbacks));
            Assert.Equal([0], reports.Select(r => r.Generation));
        }
    }
}
