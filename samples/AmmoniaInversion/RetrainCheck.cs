using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>
/// A diagnostic: retrains the sample's committee on a loop's dataset (new labels ×4, as the loop does) twice — once with
/// the loop's split (initial data 0.8/0.2, best weights by the validation loss of the sub-barrier validation set) and once
/// on everything without a validation split (best weights by the training loss) — and prints both committee barriers and
/// training times (and, with --check-stability, the time of the loop-split committee's stability test). With
/// --loss-weighting-kT both trainings weight the loss as the loops do (reference: the lowest initial energy).
/// </summary>
public static class RetrainCheck
{
    /// <summary>Runs the check.</summary>
    /// <param name="options">The sample's options (committee settings).</param>
    /// <param name="reference">The xtb reference.</param>
    /// <param name="initial">The initial data.</param>
    /// <param name="datasetPath">A loop generation's dataset.extxyz.</param>
    /// <param name="seed">Committee seed.</param>
    /// <param name="log">Output.</param>
    public static void Run(SampleOptions options, ReferenceData reference, Dataset initial, string datasetPath, int seed, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(reference);
        var keys = initial.Select(Key).ToHashSet(StringComparer.Ordinal);
        var all = ExtendedXyzReader.ReadDataset(datasetPath);
        var fresh = all.Where(s => !keys.Contains(Key(s))).ToList();
        var experiment = new LoopExperiment(options, reference, initial, null!);
        var probe = new CommitteeProbe(reference, options);
        var split = initial.Split(LoopExperiment.Retraining.TrainFraction, LoopExperiment.Retraining.ValidationFraction, seed);
        var replicated = fresh.SelectMany(s => Enumerable.Repeat(s, LoopExperiment.Retraining.ReplicationWeight)).ToList();
        var weighting = LoopExperiment.RetrainingFor(options).LossWeighting; // --loss-weighting-kT, as the loops train
        double initialMinimum = initial.Min(s => s.Energy);
        foreach (var (name, train, validation) in new[]
        {
            ("loop split (validation = 20% of the initial data)", split.Train.Append(replicated), split.Validation),
            ("no validation split (all data trained)", initial.Append(replicated), Dataset.Empty),
        })
        {
            using var committee = new TorchCommittee(experiment.Spec(), experiment.CommitteeOptions() with { Seed = seed });
            var result = weighting is null
                ? committee.Train(train, validation)
                : committee.TrainWeighted(train, validation, s => weighting.WeightOf(s.Energy, initialMinimum), null);
            var metrics = probe.Measure(committee, stability: false);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {fresh.Count} new labels, {result.Epochs} epochs (stopped early: {result.StoppedEarly}) in {result.Elapsed.TotalSeconds:F0} s, barrier {metrics.BarrierKcalPerMol:F3} kcal/mol (xtb {reference.BarrierKcalPerMol:F3}, error {metrics.BarrierKcalPerMol - reference.BarrierKcalPerMol:F3})"));
            if (options.CheckStability)
            {
                var md = probe.Measure(committee, stability: true);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stability test: {md.StableFraction:P0} stable at 0.5 fs, {md.StableFraction1Fs:P0} at 1 fs, {md.Seconds:F0} s"));
            }

            log.Flush();
        }
    }

    private static string Key(LabelledSample sample) => string.Join(",", sample.Structure.Positions.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
}
