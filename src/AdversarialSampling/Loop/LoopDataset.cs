using System.Collections.Immutable;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Loop;

/// <summary>
/// A generation's dataset as the loop reads it: the stored entries with their origin, split into the training split
/// (initial training part plus added labels, under the energy ceiling), the fixed validation and test parts, and the
/// labels excluded by the ceiling.
/// </summary>
internal sealed class LoopDataset
{
    public const string OriginTrain = "initial:train";
    public const string OriginValidation = "initial:validation";
    public const string OriginTest = "initial:test";
    public const string OriginAdversarial = "adversarial";
    public const string OriginAdversarialValidation = "adversarial:validation";

    public LoopDataset(IReadOnlyList<DatasetEntry> entries, double? energyCeiling)
    {
        Entries = entries;
        var trainable = entries.Where(e => e.Origin is OriginTrain or OriginAdversarial).ToList();
        var initial = entries.Where(e => e.Origin.StartsWith("initial:", StringComparison.Ordinal)).ToList();
        InitialMinimum = initial.Count > 0 ? initial.Min(e => e.Sample.Energy) : double.NaN;
        Ceiling = energyCeiling is double c && initial.Count > 0 ? InitialMinimum + c : double.PositiveInfinity;
        Training = [.. trainable.Where(e => e.Sample.Energy <= Ceiling)];
        var heldOut = entries.Where(e => e.Origin == OriginAdversarialValidation).ToList();
        var heldOutKept = heldOut.Where(e => e.Sample.Energy <= Ceiling).ToList();
        Excluded = trainable.Count - Training.Length + (heldOut.Count - heldOutKept.Count);
        Validation = new Dataset(entries.Where(e => e.Origin == OriginValidation).Select(e => e.Sample).Concat(heldOutKept.Select(e => e.Sample)));
        Test = new Dataset(entries.Where(e => e.Origin == OriginTest).Select(e => e.Sample));
    }

    public IReadOnlyList<DatasetEntry> Entries { get; }

    /// <summary>A stored generation's dataset as the loop reads it (empty when the generation has not been stored).</summary>
    /// <param name="store">The run store.</param>
    /// <param name="generation">The generation.</param>
    /// <param name="retraining">The run's retraining options (their energy ceiling).</param>
    /// <returns>The dataset.</returns>
    public static LoopDataset Load(RunStore store, int generation, RetrainingOptions retraining)
        => new(store.LoadDatasetEntries(generation), retraining.EnergyCeiling);

    /// <summary>Lowest energy of the initial data (eV; NaN without initial entries): the reference of the ceiling and the loss weighting.</summary>
    public double InitialMinimum { get; }

    /// <summary>Absolute energy ceiling (eV); +∞ without one.</summary>
    public double Ceiling { get; }

    /// <summary>The training split, each entry once (not replicated).</summary>
    public ImmutableArray<DatasetEntry> Training { get; }

    /// <summary>Labels above the ceiling (trainable ones and held-out validation ones).</summary>
    public int Excluded { get; }

    public Dataset Validation { get; }

    public Dataset Test { get; }

    /// <summary>The training split as unique samples.</summary>
    public Dataset TrainingSamples => new(Training.Select(e => e.Sample));

    /// <summary>What the committee trains on: each training entry repeated <see cref="DatasetEntry.Replication"/> times.</summary>
    public Dataset ReplicatedTraining => new(Training.SelectMany(e => Enumerable.Repeat(e.Sample, e.Replication)));

    /// <summary>
    /// The generation-0 entries: the initial data in its order, tagged train/validation/test by a seeded Fisher–Yates
    /// shuffle (sizes rounded like <see cref="Dataset.Split"/>).
    /// </summary>
    public static IReadOnlyList<DatasetEntry> SplitInitial(Dataset initial, RetrainingOptions options, int seed)
    {
        int n = initial.Count;
        int[] order = [.. Enumerable.Range(0, n)];
        var rng = new Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int nTrain = (int)Math.Round(options.TrainFraction * n, MidpointRounding.AwayFromZero);
        int nValidation = Math.Min(n - nTrain, (int)Math.Round(options.ValidationFraction * n, MidpointRounding.AwayFromZero));
        var origin = new string[n];
        for (int k = 0; k < n; k++)
        {
            origin[order[k]] = k < nTrain ? OriginTrain : k < nTrain + nValidation ? OriginValidation : OriginTest;
        }

        return [.. initial.Select((s, i) => new DatasetEntry(s, origin[i]))];
    }
}
