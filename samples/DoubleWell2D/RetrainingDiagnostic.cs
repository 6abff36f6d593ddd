using System.Globalization;
using System.Text.Json.Nodes;
using AdversarialSampling.Committees;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>
/// <c>--retraining-diagnostic G</c>: how much of a loop's E ≤ 1 error is the noise of one committee training, and how
/// much is under-training. For each finished loop of each method under --out, the data the committee of generation G
/// trained on (<see cref="Loop.ActiveLearningLoop.LoadTrainingSplit"/>: initial data, new labels replicated as in the
/// loop) is trained on again <see cref="SampleOptions.RetrainRepeats"/> times, with committee seeds 1000, 1001, …, and the
/// current options' training (so <c>--epochs</c> and <c>--patience</c> choose it; the loops are only read). Reported per
/// loop: the stored committee's E ≤ 1 energy RMSE (eV), each retrained one's and their mean; per seed present for both
/// <c>adversarialPaper</c> and <c>randomDisplacement</c>: the ratio of their means and whether it reaches 3.
/// </summary>
public static class RetrainingDiagnostic
{
    /// <summary>Committee seed of the first retraining; retraining r uses this + r.</summary>
    public const int FirstCommitteeSeed = 1000;

    /// <summary>Runs the diagnostic and writes OUT/retraining-diagnostic-epochs{E}-patience{P}.json.</summary>
    /// <param name="options">The options (the run's own, plus <see cref="SampleOptions.RetrainingDiagnostic"/>; the training may differ).</param>
    /// <param name="log">One line per loop.</param>
    /// <param name="cancellationToken">Cancellation between trainings.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InvalidOperationException">A loop has no stored dataset for the generation (<see cref="LoopExperiment.StoredSplit"/>).</exception>
    public static JsonObject Run(SampleOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        int generation = options.RetrainingDiagnostic ?? throw new ArgumentException("No generation given (--retraining-diagnostic G).", nameof(options));
        var grid = new DoubleWellGrid();
        var experiment = new LoopExperiment(options, grid);
        var rows = new JsonArray();
        var means = new Dictionary<(string Method, int Seed), double>();
        foreach (string method in options.Methods)
        {
            for (int loop = 0; loop < options.Loops; loop++)
            {
                var (activeLearning, split) = experiment.StoredSplit(method, loop, experiment.InitialData(loop), generation);

                double stored;
                using (var committee = activeLearning.LoadCommittee(generation))
                {
                    stored = grid.Evaluate(committee, cancellationToken).EnergyRmseLow;
                }

                var retrained = new List<double>();
                for (int r = 0; r < options.RetrainRepeats; r++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var committee = new TorchCommittee(experiment.Spec(), experiment.CommitteeOptions() with { Seed = FirstCommitteeSeed + r });
                    committee.Train(split.Train, split.Validation, cancellationToken: cancellationToken);
                    retrained.Add(grid.Evaluate(committee, cancellationToken).EnergyRmseLow);
                }

                double mean = retrained.Average();
                int seed = options.SeedOf(loop);
                means[(method, seed)] = mean;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method} loop {loop:D2} (seed {seed}) gen {generation}, {options.Epochs} epochs, patience {options.Patience}: stored E≤1 RMSE {stored:F4} eV, retrained {string.Join(" ", retrained.Select(e => e.ToString("F4", CultureInfo.InvariantCulture)))} (mean {mean:F4})"));
                rows.Add(new JsonObject
                {
                    ["method"] = method,
                    ["loop"] = loop,
                    ["seed"] = seed,
                    ["trainingPoints"] = split.Train.Count,
                    ["storedEnergyRmseLow"] = stored,
                    ["retrainedEnergyRmseLow"] = new JsonArray([.. retrained.Select(e => (JsonNode)e)]),
                    ["retrainedMean"] = mean,
                });
            }
        }

        var pairs = new JsonArray();
        foreach (var ((method, seed), paper) in means.Where(m => m.Key.Method == MethodKeys.AdversarialPaper).OrderBy(m => m.Key.Seed))
        {
            if (means.TryGetValue((MethodKeys.RandomDisplacement, seed), out double random))
            {
                pairs.Add(new JsonObject { ["seed"] = seed, ["randomDisplacement"] = random, ["adversarialPaper"] = paper, ["ratio"] = random / paper, ["atLeast3"] = random >= 3 * paper });
            }
        }

        var document = new JsonObject
        {
            ["retrainingDiagnostic"] = new JsonObject
            {
                ["generation"] = generation,
                ["epochs"] = options.Epochs,
                ["patience"] = options.Patience,
                ["repeats"] = options.RetrainRepeats,
                ["firstCommitteeSeed"] = FirstCommitteeSeed,
                ["loops"] = rows,
                ["pairs"] = pairs,
                ["pairsAtLeast3"] = pairs.Count(p => (bool)p!["atLeast3"]!),
            },
        };
        string file = string.Create(CultureInfo.InvariantCulture, $"retraining-diagnostic-epochs{options.Epochs}-patience{options.Patience}.json");
        File.WriteAllText(Path.Combine(options.Out, file), document.ToJsonString(Shared.SampleHost.JsonOptions));
        return document;
    }
}
