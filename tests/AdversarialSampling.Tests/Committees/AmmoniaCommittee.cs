using System.Diagnostics;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Committees;

/// <summary>
/// The NH3 data of samples/data/ammonia-bp86 (BP86-D3) and a default 5-member SchNet committee trained once on 62
/// of its 78 generation-0 frames (80/20 split, seed 0; Adam 3e-3, minibatches of 8, 200 epochs, energy weight
/// 0.1, force weight 1, no validation frames), shared by the acceptance tests of the "Ammonia committee"
/// collection. The committee is trained on first use (about 30 s on one thread), so tests of the collection
/// that do not need it stay fast.
/// </summary>
public sealed class AmmoniaCommittee : IDisposable
{
    /// <summary>Name of the test collection sharing this fixture.</summary>
    public const string Collection = "Ammonia committee";

    /// <summary>Training epochs.</summary>
    public const int Epochs = 200;

    /// <summary>Minibatch size.</summary>
    public const int BatchSize = 8;

    /// <summary>Adam learning rate.</summary>
    public const double LearningRate = 3e-3;

    /// <summary>Seed of the split and of the committee.</summary>
    public const int Seed = 0;

    private readonly Lazy<TorchCommittee> _committee;

    public AmmoniaCommittee()
    {
        All = ExtendedXyzReader.ReadDataset(Path.Combine(AppContext.BaseDirectory, "TestData", "ammonia-bp86.extxyz"));
        Initial = All.Where(s => s.GetMetadata("generation", -1L) == 0);
        Adversarial = All.Where(s => s.GetMetadata("generation", -1L) is 1 or 2);
        Split = Initial.Split(0.8, 0, Seed);
        _committee = new Lazy<TorchCommittee>(Train, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>All 138 frames.</summary>
    public Dataset All { get; }

    /// <summary>The 78 generation-0 (sub-barrier) frames.</summary>
    public Dataset Initial { get; }

    /// <summary>The 60 adversarial frames of generations 1 and 2.</summary>
    public Dataset Adversarial { get; }

    /// <summary>The 62/16 split of <see cref="Initial"/> (no validation frames).</summary>
    public DatasetSplit Split { get; }

    /// <summary>The trained committee (trained on first access).</summary>
    public TorchCommittee Committee => _committee.Value;

    /// <summary>The training result (after <see cref="Committee"/> was first accessed).</summary>
    public CommitteeTrainingResult? Result { get; private set; }

    /// <summary>Wall time of the training (s).</summary>
    public double TrainSeconds { get; private set; }

    public void Dispose()
    {
        if (_committee.IsValueCreated)
        {
            _committee.Value.Dispose();
        }
    }

    private TorchCommittee Train()
    {
        TorchSharp.torch.set_num_threads(1);
        var options = new CommitteeOptions
        {
            Members = 5,
            Seed = Seed,
            Training = new TrainingOptions { Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, EnergyWeight = 0.1, ForceWeight = 1, EarlyStoppingPatience = 0 },
        };
        var committee = new TorchCommittee(new SchNetSpec(), options);
        var clock = Stopwatch.StartNew();
        Result = committee.Train(Split.Train, Dataset.Empty);
        TrainSeconds = clock.Elapsed.TotalSeconds;
        return committee;
    }
}
