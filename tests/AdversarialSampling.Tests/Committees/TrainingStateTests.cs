using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;
using static AdversarialSampling.Tests.TestSupport.TensorTestHelpers;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Committees;

/// <summary>
/// Training resumes per epoch (reliability.md §2): a training interrupted after epoch k and continued from its saved
/// state ends bit for bit where the uninterrupted training ends, through rollbacks and learning-rate reductions; a
/// state of another training, or an unreadable one, is ignored with a warning.
/// </summary>
[Collection(SerialCollection.Name)] // bit-exact comparisons: no other test may change Torch's thread count meanwhile
public sealed class TrainingStateTests
{
    private const int Epochs = 14;
    private const int NaNEpoch = 3;

    private static readonly MlpSpec Spec = new() { InputComponents = [0, 1], Width = 16, Depth = 3 };

    // Plateau patience 1 and a small threshold: the learning rate is reduced several times in 14 epochs.
    private static readonly CommitteeOptions Options = new()
    {
        Members = 3,
        Seed = 4,
        Training = new TrainingOptions { Epochs = Epochs, LearningRate = 2e-2, BatchSize = 8, PlateauPatience = 1, PlateauThreshold = 0.05, EarlyStoppingPatience = 0 },
    };

    private static DatasetSplit Data(int seed = 9) => ToyData.UniformDoubleWell(40, seed, -1.0, -0.5, -0.5, 0.5).Split(0.75, 0.25, seed: 1);

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // before the rollback of epoch 3
    [InlineData(5)] // after it
    [InlineData(13)] // the last save
    public void Train_InterruptedAfterEpochK_ContinuesFromTheStateToBitIdenticalWeightsAndResult(int k)
    {
        var data = Data();
        var (referenceWeights, reference, referenceAttempts) = TrainOnce(data, store: null, cancelAtEpoch: null);
        Assert.Equal(1, reference.Rollbacks);
        Assert.Equal(Epochs, reference.Epochs);

        var store = new MemoryStateStore();
        Assert.Throws<OperationCanceledException>(() => TrainOnce(data, store, cancelAtEpoch: k + 1));
        Assert.Equal(Enumerable.Range(1, k), store.SavedEpochs);

        var logs = new ListLoggerFactory();
        var (weights, result, attempts) = TrainOnce(data, store, cancelAtEpoch: null, logs);
        Assert.Equal(k + 1, attempts[0]); // the first attempt is epoch k + 1, not 1
        Assert.Equal(referenceAttempts.SkipWhile(e => e <= k), attempts);
        Assert.Contains(logs.Entries, e => e.Id.Id == 1009);
        Assert.True(referenceWeights.SequenceEqual(weights), $"Weights after resuming at epoch {k} differ from the uninterrupted training's.");
        Assert.Equal(reference.Epochs, result.Epochs);
        Assert.Equal(reference.BestEpoch.AsEnumerable(), result.BestEpoch.AsEnumerable());
        Assert.Equal(reference.BestValidationLoss.AsEnumerable(), result.BestValidationLoss.AsEnumerable());
        Assert.Equal(reference.Rollbacks, result.Rollbacks);
        Assert.Equal(reference.StoppedEarly, result.StoppedEarly);
    }

    [Fact]
    public void Train_Float64CommitteeInterruptedAfterEpoch7_ContinuesToBitIdenticalWeights()
    {
        var data = Data();
        var options = Options with { DType = ScalarType.Float64 };
        var (referenceWeights, _, _) = TrainOnce(data, store: null, cancelAtEpoch: null, options: options);
        var store = new MemoryStateStore();
        Assert.Throws<OperationCanceledException>(() => TrainOnce(data, store, cancelAtEpoch: 8, options: options));
        Assert.False(TrainingState.FromBytes(store.Saved!).SinglePrecision);
        var (weights, _, attempts) = TrainOnce(data, store, cancelAtEpoch: null, options: options);
        Assert.Equal(8, attempts[0]);
        Assert.True(referenceWeights.SequenceEqual(weights), "Float64 weights after resuming differ from the uninterrupted training's.");
    }

    [Fact]
    public void Train_WithAStore_SavesAfterEveryEpochButTheLastAtIntervalZeroAndNeverAtALongInterval()
    {
        var data = Data();
        var every = new MemoryStateStore();
        var (withSaves, _, _) = TrainOnce(data, every, cancelAtEpoch: null);
        Assert.Equal(Enumerable.Range(1, Epochs - 1), every.SavedEpochs);
        Assert.Equal(1, TrainingState.FromBytes(every.Saved!).Rollbacks);

        var rare = new MemoryStateStore { Interval = TimeSpan.FromHours(1) };
        var (withoutSaves, _, _) = TrainOnce(data, rare, cancelAtEpoch: null);
        Assert.Empty(rare.SavedEpochs);
        Assert.True(withSaves.SequenceEqual(withoutSaves), "Saving the state changed the training.");
    }

    [Fact]
    public void Train_StateOfOtherData_IsIgnoredWithAWarningAndTrainsFromEpochOne()
    {
        var store = new MemoryStateStore();
        Assert.Throws<OperationCanceledException>(() => TrainOnce(Data(seed: 9), store, cancelAtEpoch: 6));
        var other = Data(seed: 10);
        var (fresh, _, _) = TrainOnce(other, store: null, cancelAtEpoch: null);

        var logs = new ListLoggerFactory();
        var (weights, _, attempts) = TrainOnce(other, store, cancelAtEpoch: null, logs);
        Assert.Equal(1, attempts[0]);
        var warning = Assert.Single(logs.Entries, e => e.Id.Id == 1012);
        Assert.Contains("other training data, options, seed or architecture", warning.Message, StringComparison.Ordinal);
        Assert.True(fresh.SequenceEqual(weights));
    }

    [Theory]
    [InlineData(0, "does not start with 'ASTRAIN1'")]
    [InlineData(8, "truncated")]
    [InlineData(200, "truncated")]
    [InlineData(-1, "unexpected bytes")]
    public void Train_UnreadableState_IsIgnoredWithAWarningNamingTheProblem(int keep, string problem)
    {
        var data = Data();
        var store = new MemoryStateStore();
        Assert.Throws<OperationCanceledException>(() => TrainOnce(data, store, cancelAtEpoch: 6));
        store.Saved = keep >= 0 ? store.Saved![..keep] : [.. store.Saved!, 0, 0, 0];
        var (fresh, _, _) = TrainOnce(data, store: null, cancelAtEpoch: null);

        var logs = new ListLoggerFactory();
        var (weights, _, attempts) = TrainOnce(data, store, cancelAtEpoch: null, logs);
        Assert.Equal(1, attempts[0]);
        Assert.Contains(problem, Assert.Single(logs.Entries, e => e.Id.Id == 1012).Message, StringComparison.Ordinal);
        Assert.True(fresh.SequenceEqual(weights));
    }

    [Fact]
    public void SavingAndRestoringTheState_LeavesNoTensorsBehind()
    {
        var data = Data();
        using var committee = new TorchCommittee(Spec, Options);
        var saved = new MemoryStateStore();
        committee.TrainingStateStore = saved;
        committee.Train(data.Train, data.Validation); // warm-up; saves the states of epochs 1–13
        long before = TensorTestHelpers.LiveTensorsWithoutGarbage();
        committee.TrainingStateStore = new MemoryStateStore();
        committee.Train(data.Train, data.Validation); // saves 13 states
        committee.TrainingStateStore = saved;
        committee.Train(data.Train, data.Validation); // restores epoch 13's state
        Assert.Equal(before, TensorTestHelpers.LiveTensorsWithoutGarbage());
    }

    [Fact]
    public void State_RoundTripsThroughBytes()
    {
        var store = new MemoryStateStore();
        Assert.Throws<OperationCanceledException>(() => TrainOnce(Data(), store, cancelAtEpoch: 5));
        var state = TrainingState.FromBytes(store.Saved!);
        Assert.Equal(4, state.Epoch);
        Assert.True(state.SinglePrecision); // float32 values stored as float32
        Assert.Equal(5, state.Attempts); // epoch 3 was attempted twice
        byte[] again = state.ToBytes();
        Assert.Equal(store.Saved, again);
        Assert.Equal(state.Size, again.LongLength); // the buffer is allocated at exactly this size, so it is returned without a copy
    }

    /// <summary>
    /// Trains a fresh committee (same seed every time); a NaN is injected into a weight at the first attempt of
    /// epoch <see cref="NaNEpoch"/> this committee makes, so the reference rolls back once. Returns the final
    /// weights, the result and the epoch of every attempt.
    /// </summary>
    private static (double[] Weights, CommitteeTrainingResult Result, List<int> Attempts) TrainOnce(
        DatasetSplit data, MemoryStateStore? store, int? cancelAtEpoch, ListLoggerFactory? logs = null, CommitteeOptions? options = null)
    {
        using var cts = new CancellationTokenSource();
        using var committee = new TorchCommittee(Spec, options ?? Options, logs);
        var attempts = new List<int>();
        committee.TrainingStateStore = store;
        committee.BeforeEpoch = (epoch, model) =>
        {
            attempts.Add(epoch);
            if (epoch == cancelAtEpoch)
            {
                cts.Cancel();
            }
            else if (epoch == NaNEpoch && attempts.Count(e => e == NaNEpoch) == 1)
            {
                using var noGrad = no_grad();
                model.Parameters().First().fill_(double.NaN);
            }
        };
        var result = committee.Train(data.Train, data.Validation, null, cts.Token);
        return (AllWeights(committee.Model), result, attempts);
    }

    private sealed class MemoryStateStore : ITrainingStateStore
    {
        public TimeSpan Interval { get; init; } = TimeSpan.Zero;

        public byte[]? Saved { get; set; }

        public List<int> SavedEpochs { get; } = [];

        public byte[]? Load() => Saved;

        public void Save(byte[] state, int epoch)
        {
            Saved = state;
            SavedEpochs.Add(epoch);
        }
    }
}
