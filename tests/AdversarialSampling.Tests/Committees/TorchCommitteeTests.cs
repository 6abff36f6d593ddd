using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using static AdversarialSampling.Tests.TestSupport.TensorTestHelpers;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Committees;

public class TorchCommitteeTests
{
    private static readonly MlpSpec SmallSpec = new() { InputComponents = [0, 1], Width = 16, Depth = 3 };

    private static DatasetSplit SmallData() => ToyData.UniformDoubleWell(40, seed: 9, -1.0, -0.5, -0.5, 0.5).Split(0.75, 0.25, seed: 1);

    private static CommitteeOptions Options(int epochs = 5, double lr = 1e-2, int members = 3, int seed = 4, MemberEvaluation? _ = null)
        => new() { Members = members, Seed = seed, Training = new TrainingOptions { Epochs = epochs, LearningRate = lr, BatchSize = 8 } };

    [Fact]
    public void Train_SameSeedsAndThreadCount_GiveBitIdenticalWeights()
    {
        int threads = get_num_threads();
        set_num_threads(2);
        try
        {
            var data = SmallData();
            var spec = SmallSpec with { Width = 32 };
            using var a = new TorchCommittee(spec, Options(epochs: 8));
            using var b = new TorchCommittee(spec, Options(epochs: 8));
            a.Train(data.Train, data.Validation);
            b.Train(data.Train, data.Validation);
            var wa = AllWeights(a.Model);
            var wb = AllWeights(b.Model);
            Assert.Equal(wa.Length, wb.Length);
            Assert.True(wa.SequenceEqual(wb), "Two trainings with the same seeds differ.");
            using var c = new TorchCommittee(spec, Options(epochs: 8, seed: 5));
            c.Train(data.Train, data.Validation);
            Assert.False(wa.SequenceEqual(AllWeights(c.Model)));
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void Train_MembersAreIndependent_MemberZeroMatchesASingleMemberCommittee()
    {
        // Summing member losses and sharing the minibatch order must equal training each member alone
        // (plateau decay and early stopping off: they are the committee-wide parts).
        var data = SmallData();
        var spec = SmallSpec with { Evaluation = MemberEvaluation.PerMember };
        var training = new TrainingOptions { Epochs = 6, LearningRate = 1e-2, BatchSize = 8, PlateauPatience = 1000, EarlyStoppingPatience = 0 };
        using var three = new TorchCommittee(spec, new CommitteeOptions { Members = 3, Seed = 2, Training = training });
        using var one = new TorchCommittee(spec, new CommitteeOptions { Members = 1, Seed = 2, Training = training });
        var r3 = three.Train(data.Train, data.Validation);
        var r1 = one.Train(data.Train, data.Validation);
        Assert.Equal(r1.BestValidationLoss[0], r3.BestValidationLoss[0]);
        Assert.Equal(MemberWeights(one.Model, 0).SelectMany(w => w), MemberWeights(three.Model, 0).SelectMany(w => w));
    }

    [Fact]
    public void Train_ReportsEveryEpochThroughProgress()
    {
        var data = SmallData();
        using var committee = new TorchCommittee(SmallSpec, Options(epochs: 4));
        var reports = new List<CommitteeTrainingProgress>();
        var result = committee.Train(data.Train, data.Validation, new SyncProgress<CommitteeTrainingProgress>(reports.Add));
        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.True(double.IsFinite(r.TrainingLoss) && double.IsFinite(r.ValidationLoss) && r.LearningRate > 0));
        Assert.True(reports[^1].TrainingLoss < reports[0].TrainingLoss);
        Assert.Equal(4, result.Epochs);
        Assert.True(committee.IsTrained);
        Assert.Same(result, committee.LastTraining);
    }

    [Fact]
    public void Train_KeepsEachMembersBestValidationWeights()
    {
        var data = SmallData();
        var options = Options(epochs: 12, lr: 5e-2);
        using var committee = new TorchCommittee(SmallSpec, options);
        var result = committee.Train(data.Train, data.Validation);

        // The validation loss of the final weights is each member's best loss (w_E·MSE(E) + w_F·MSE(F)).
        var prediction = committee.Predict([.. data.Validation.Select(s => s.Structure)]);
        for (int m = 0; m < options.Members; m++)
        {
            double mseE = data.Validation.Select((s, i) => Math.Pow(prediction[i].MemberEnergies[m] - s.Energy, 2)).Average();
            double mseF = data.Validation.Select((s, i) => Enumerable.Range(0, 3).Average(k => Math.Pow(prediction[i].MemberForces[m][k] - s.Forces[k], 2))).Average();
            double loss = mseE + (10 * mseF);
            Assert.Equal(result.BestValidationLoss[m], loss, 1e-4 * loss);
            Assert.InRange(result.BestEpoch[m], 1, 12);
        }
    }

    [Fact]
    public void Train_NoImprovement_DecaysLearningRateAndStopsEarly()
    {
        var data = SmallData();
        var options = Options(epochs: 50, lr: 1e-30) with { Training = new TrainingOptions { Epochs = 50, LearningRate = 1e-30, BatchSize = 8, PlateauPatience = 0, EarlyStoppingPatience = 3, MinLearningRate = 0 } };
        using var committee = new TorchCommittee(SmallSpec, options);
        var reports = new List<CommitteeTrainingProgress>();
        var result = committee.Train(data.Train, data.Validation, new SyncProgress<CommitteeTrainingProgress>(reports.Add));
        Assert.True(result.StoppedEarly);
        Assert.Equal(4, result.Epochs);
        Assert.All(result.BestEpoch, e => Assert.Equal(1, e));
        Assert.True(reports[^1].LearningRate < reports[0].LearningRate);
    }

    [Fact]
    public void Train_InjectedNaNWeight_RollsBackOnceAndFinishesFinite()
    {
        var data = SmallData();
        var logs = new ListLoggerFactory();
        using var committee = new TorchCommittee(SmallSpec, Options(epochs: 5), logs);
        bool injected = false;
        committee.BeforeEpoch = (epoch, model) =>
        {
            if (epoch == 3 && !injected)
            {
                injected = true;
                using var noGrad = no_grad();
                model.Parameters().First().fill_(double.NaN);
            }
        };
        var reports = new List<CommitteeTrainingProgress>();
        var result = committee.Train(data.Train, data.Validation, new SyncProgress<CommitteeTrainingProgress>(reports.Add));
        Assert.Equal(1, result.Rollbacks);
        Assert.False(result.Diverged);
        Assert.Equal(5, result.Epochs);
        Assert.Equal(reports[1].LearningRate / 2, reports[2].LearningRate);
        Assert.All(AllWeights(committee.Model), w => Assert.True(double.IsFinite(w)));
        Assert.True(committee.IsTrained);
        var warning = Assert.Single(logs.Entries, e => e.Id.Id == 1004);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("epoch 3", warning.Message, StringComparison.Ordinal);
        Assert.Equal(5, logs.Entries.Count(e => e.Id.Id == 1002));
        Assert.Single(logs.Entries, e => e.Id.Id == 1001);
        Assert.Single(logs.Entries, e => e.Id.Id == 1007);
    }

    [Fact]
    public void Train_HugeLearningRate_DivergesRollsBackAndKeepsTheLastGoodWeights()
    {
        var data = SmallData();
        var options = Options() with { Training = new TrainingOptions { Epochs = 5, LearningRate = 1e30, BatchSize = 8, MaxRollbacks = 3 } };
        using var committee = new TorchCommittee(SmallSpec, options);
        var initial = AllWeights(committee.Model);
        var result = committee.Train(data.Train, data.Validation);
        Assert.True(result.Diverged);
        Assert.Equal(3, result.Rollbacks);
        Assert.Equal(0, result.Epochs);
        Assert.False(committee.IsTrained);
        Assert.Equal(initial, AllWeights(committee.Model));
    }

    [Fact]
    public void Train_Cancelled_ThrowsAndLeavesCommitteeUntrained()
    {
        var data = SmallData();
        using var committee = new TorchCommittee(SmallSpec, Options(epochs: 100));
        using var cts = new CancellationTokenSource();
        var reports = new List<CommitteeTrainingProgress>();
        var progress = new SyncProgress<CommitteeTrainingProgress>(p =>
        {
            reports.Add(p);
            if (p.Epoch == 2)
            {
                cts.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => committee.Train(data.Train, data.Validation, progress, cts.Token));
        Assert.Equal(2, reports.Count);
        Assert.False(committee.IsTrained);
    }

    [Fact]
    public void Train_WithoutValidationData_SelectsOnTrainingLoss()
    {
        var data = SmallData();
        using var committee = new TorchCommittee(SmallSpec, Options(epochs: 3));
        var reports = new List<CommitteeTrainingProgress>();
        var result = committee.Train(data.Train, Dataset.Empty, new SyncProgress<CommitteeTrainingProgress>(reports.Add));
        Assert.All(reports, r => Assert.True(double.IsNaN(r.ValidationLoss)));
        Assert.All(result.BestValidationLoss, l => Assert.True(double.IsFinite(l)));
        Assert.True(committee.IsTrained);
    }

    [Fact]
    public void Train_EmptyTrainingSet_Throws()
    {
        using var committee = new TorchCommittee(SmallSpec, Options());
        Assert.Throws<ArgumentException>(() => committee.Train(Dataset.Empty, Dataset.Empty));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new CommitteeOptions { Members = 0, Training = new TrainingOptions { BatchSize = 0, LearningRate = -1 } };
        var ex = Assert.Throws<ArgumentException>(() => new TorchCommittee(SmallSpec, options));
        Assert.Contains("Members", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Training.BatchSize", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Training.LearningRate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_GivesEveryMemberAndComputeGivesTheMean()
    {
        using var committee = new TorchCommittee(SmallSpec, Options() with { EvaluationBatchSize = 2 });
        var structures = Enumerable.Range(0, 5).Select(i => ToyData.Point(-0.9 + (0.1 * i), 0.2)).ToList();
        var prediction = committee.Predict(structures);
        Assert.Equal(5, prediction.Count);
        Assert.Equal(3, prediction.MemberCount);
        Assert.NotEqual(prediction[0].MemberEnergies[0], prediction[0].MemberEnergies[1]);
        var batch = committee.ComputeBatch(structures);
        for (int i = 0; i < 5; i++)
        {
            var single = committee.Compute(structures[i]);
            Assert.Equal(prediction[i].MeanEnergy, single.Energy, 5);
            Assert.Equal(prediction[i].MeanEnergy, batch[i].Energy, 5);
            Assert.Equal(0, single.Forces[2]);
            Assert.Equal(prediction[i].MeanForces[0], single.Forces[0], 4);
        }
    }

    [Fact]
    public void Reinitialize_NewSeed_MatchesAFreshCommitteeAndIsUntrained()
    {
        var data = SmallData();
        using var committee = new TorchCommittee(SmallSpec, Options(epochs: 2));
        committee.Train(data.Train, data.Validation);
        committee.Reinitialize(17);
        using var fresh = new TorchCommittee(SmallSpec, Options() with { Seed = 17 });
        Assert.False(committee.IsTrained);
        Assert.Equal(17, committee.Options.Seed);
        Assert.Equal(AllWeights(fresh.Model), AllWeights(committee.Model));
    }
}
