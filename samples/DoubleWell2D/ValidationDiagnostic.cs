using System.Globalization;
using System.Text.Json.Nodes;
using AdversarialSampling.Committees;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>
/// <c>--validation-diagnostic G</c>: how the choice of validation data decides which weights a committee keeps. For each
/// finished loop of each method under --out, the data the committee of generation G trained on
/// (<see cref="Loop.ActiveLearningLoop.LoadTrainingSplit"/>) is trained on again with the sample's committee, three
/// ways: without validation (best weights by training loss, the sample's choice), validated on the initial validation
/// part only, and validated on everything the loop validated on (with <c>--new-label-validation</c>: the held-out new
/// labels too). Reported per way: each member's best epoch, the E ≤ 1 energy RMSE on the grid, and the median force
/// variance of the committee on its own training points, the quantity whose 80th percentile is the next generation's
/// selection threshold.
/// </summary>
public static class ValidationDiagnostic
{
    /// <summary>Runs the diagnostic and writes OUT/validation-diagnostic.json.</summary>
    /// <param name="options">The options (the run's own, plus <see cref="SampleOptions.ValidationDiagnostic"/>).</param>
    /// <param name="log">One line per loop and way.</param>
    /// <param name="cancellationToken">Cancellation between trainings.</param>
    /// <returns>The document.</returns>
    public static JsonObject Run(SampleOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        int generation = options.ValidationDiagnostic ?? throw new ArgumentException("No generation given (--validation-diagnostic G).", nameof(options));
        var grid = new DoubleWellGrid();
        var experiment = new LoopExperiment(options, grid);
        var rows = new JsonArray();
        foreach (string method in options.Methods)
        {
            for (int loop = 0; loop < options.Loops; loop++)
            {
                var initialData = experiment.InitialData(loop);
                var (_, split) = experiment.StoredSplit(method, loop, initialData, generation);

                var initial = initialData.Select(s => (s.Structure.Positions[0], s.Structure.Positions[1])).ToHashSet();
                var initialValidation = new Dataset(split.Validation.Where(s => initial.Contains((s.Structure.Positions[0], s.Structure.Positions[1]))));
                int heldOut = split.Validation.Count - initialValidation.Count;
                foreach (var (way, validation) in new[] { ("none", Dataset.Empty), ("initial", initialValidation), ("stored", split.Validation) })
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var committee = new TorchCommittee(experiment.Spec(), experiment.CommitteeOptions() with { Seed = options.SeedOf(loop) });
                    var result = committee.Train(split.Train, validation, cancellationToken: cancellationToken);
                    var errors = grid.Evaluate(committee, cancellationToken);
                    var variance = new ForceVariance().EvaluateAll(committee.Predict([.. split.Train.Select(s => s.Structure)], cancellationToken));
                    double median = Percentile.Linear(variance, 50);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method} loop {loop:D2} gen {generation}, validation {way} ({validation.Count} points, {heldOut} held-out labels stored): best epochs [{string.Join(", ", result.BestEpoch)}], E≤1 RMSE {errors.EnergyRmseLow:F3} eV, training force variance median {median:G3} eV²/Å²"));
                    rows.Add(new JsonObject
                    {
                        ["method"] = method,
                        ["loop"] = loop,
                        ["seed"] = options.SeedOf(loop),
                        ["generation"] = generation,
                        ["validation"] = way,
                        ["validationPoints"] = validation.Count,
                        ["heldOutLabels"] = heldOut,
                        ["trainingPoints"] = split.Train.Count,
                        ["bestEpochs"] = new JsonArray([.. result.BestEpoch.Select(e => (JsonNode)e)]),
                        ["energyRmseLow"] = errors.EnergyRmseLow,
                        ["trainingForceVarianceMedian"] = median,
                    });
                }
            }
        }

        var document = new JsonObject { ["validationDiagnostic"] = rows };
        File.WriteAllText(Path.Combine(options.Out, "validation-diagnostic.json"), document.ToJsonString(Shared.SampleHost.JsonOptions));
        return document;
    }
}
