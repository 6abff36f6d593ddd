using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>The whole sample: runs every loop of every method (loop by loop, so a partial run stays balanced), then writes results.json and the plots.</summary>
public static class ComparisonRun
{
    /// <summary>Runs the comparison (or only rebuilds its report with <see cref="SampleOptions.ReportOnly"/>).</summary>
    /// <param name="options">The options.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Cancellation; finished loops are kept and reused by the next run.</param>
    /// <returns>The results document (also written to OUT/results.json).</returns>
    public static async Task<JsonObject> RunAsync(SampleOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.ValidationDiagnostic is not null)
        {
            return DoubleWell.ValidationDiagnostic.Run(options, log, cancellationToken);
        }

        if (options.RetrainingDiagnostic is not null)
        {
            return DoubleWell.RetrainingDiagnostic.Run(options, log, cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        var experiment = new LoopExperiment(options, new DoubleWellGrid());
        IReadOnlyList<LoopMetrics> loops;
        if (options.ReportOnly)
        {
            // Only the requested methods, and with --loops N only loops 0 … N − 1 (e.g. the complete set of a run cut short).
            loops = [.. ComparisonReport.Collect(options.Out).Where(l => options.Methods.Contains(l.Method) && (!options.LoopsGiven || l.Loop < options.Loops))];
        }
        else
        {
            var finished = new List<LoopMetrics>();
            for (int loop = 0; loop < options.Loops; loop++)
            {
                foreach (string method in options.Methods)
                {
                    var watch = Stopwatch.StartNew();
                    var metrics = await experiment.RunAsync(method, loop, log, cancellationToken).ConfigureAwait(false);
                    var last = metrics.Generations[^1];
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method} loop {loop:D2} (seed {metrics.Seed}): {last.LabelsSoFar.Count} labels, energy RMSE E≤1 {last.Errors.EnergyRmseLow:F4} eV, grid {last.Errors.EnergyRmseGrid:F4} eV, mean label E {last.LabelsSoFar.MeanEnergy:F2} eV, {watch.Elapsed.TotalSeconds:F0} s"));
                    finished.Add(metrics);
                }
            }

            loops = finished;
        }

        var document = ComparisonReport.Write(options.Out, loops, Settings(options, experiment));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(options.Out, "results.json")} and the plots: {loops.Count} loop(s), {clock.Elapsed.TotalSeconds:F0} s"));
        return document;
    }

    private static JsonObject Settings(SampleOptions options, LoopExperiment experiment) => new()
    {
        ["committee"] = string.Create(CultureInfo.InvariantCulture, $"{options.Members} × MLP 2→{string.Join("→", Enumerable.Repeat(options.Width, options.Depth - 1))}→1 (shifted softplus)"),
        ["training"] = string.Create(CultureInfo.InvariantCulture, $"Adam 1e-2, batch {options.BatchSize}, at most {options.Epochs} epochs, early-stopping patience {options.Patience}, loss 1·MSE(E) + 10·MSE(F); re-initialised every generation, new labels ×4 in training, all initial data in training (no validation split: selection and early stopping on the training loss)"),
        ["initialData"] = "DoubleWell2D.InitialTrainingSet(800, -2, seed = loop seed): the left basin only",
        ["generations"] = options.Generations,
        ["labelsPerGeneration"] = options.Labels,
        ["grid"] = "100 x 100 over [-1.2, 1.2]^2; low region: true E <= 1",
        ["rightBasin"] = "x > 0.10213 (the saddle) and true E <= 0.10104 (the saddle energy)",
        ["randomDisplacement"] = options.UniformRandomDisplacement
            ? string.Create(CultureInfo.InvariantCulture, $"uniform in ±{ComparisonMethods.RandomDisplacementHalfWidth} Å per component (the paper code's random attacker)")
            : string.Create(CultureInfo.InvariantCulture, $"Gaussian, σ = {ComparisonMethods.RandomDisplacementStd} Å per component"),
        ["randomDisplacementStd"] = ComparisonMethods.RandomDisplacementStd,
        ["paperAttackersSelection"] = options.NotebookSelection
            ? "the paper 2D notebook's, for the Paper-preset methods and randomDisplacement: 80th-percentile force-variance threshold and the random cap, no distance or dedup rule"
            : "the library's, for every method: 80th-percentile force-variance threshold, 0.1 Å distance-to-training and dedup, random cap",
        ["paperAttackersPercentile"] = options.ReplicatedPercentile
            ? "over the training set as trained on, new labels counted 4 times (the paper code's loop)"
            : "over the training set, each structure once",
        ["paperAttackersThresholdRule"] = options.PerComponentThreshold
            ? "per free force component (the paper code's UncertaintyPercentile): the percentile of every component's variance pooled; a candidate passes if each of its components reaches it"
            : "per structure: the mean force variance against the percentile of the training structures' means",
        ["randomDisplacementThreshold"] = options.FilteredRandomDisplacement
            ? "the Paper preset's (the paper code's loop filters its random attacker with the same scores)"
            : "none",
        ["retrainingEnergyCeiling"] = options.Ceiling,
        ["lossWeightingKT"] = options.WeightingKt,
        ["firstSeed"] = options.FirstSeed,
        ["threads"] = options.Threads,
        ["smoke"] = options.Smoke,
        ["settingsKey"] = experiment.Settings,
    };
}
