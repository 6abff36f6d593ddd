using AdversarialSampling.Samples.Shared;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AdversarialSampling.Attacks;
using AdversarialSampling.Slurm;
using AdversarialSampling.Xtb;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>The whole sample: the xtb reference and initial data, every loop (seed by seed, every method per seed), then results.json and the plots.</summary>
public static class ComparisonRun
{
    /// <summary>Runs the comparison (or rebuilds its report with <see cref="SampleOptions.ReportOnly"/>).</summary>
    /// <param name="options">The options.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Cancellation; finished loops are kept and reused by the next run.</param>
    /// <returns>The results document (also written to OUT/results.json).</returns>
    public static async Task<JsonObject> RunAsync(SampleOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.Out);
        var oracle = new XtbOracle(new XtbOptions { Threads = 1 });
        if (await oracle.CheckSetupAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            throw new InvalidOperationException($"xtb is not usable: {failure}");
        }

        var (reference, initial) = ReferenceData.LoadOrCompute(options, oracle, log, cancellationToken);
        if (options.RetrainCheck is { } dataset)
        {
            Ammonia.RetrainCheck.Run(options, reference, initial, dataset, options.FirstSeed, log);
            return [];
        }

        // The loops' oracle: the same xtb settings, run locally or as one SLURM batch job per call (same labels).
        var loopOracle = options.Scheduler == "slurm"
            ? new XtbOracle(new XtbOptions { Threads = 1 }.WithSlurm(new SlurmOptions
            {
                WorkRoot = Path.GetFullPath(Path.Combine(options.Out, "slurm")),
                TimeLimit = TimeSpan.FromMinutes(10),
                PollInterval = TimeSpan.FromSeconds(1),
            }))
            : oracle;
        var experiment = new LoopExperiment(options, reference, initial, loopOracle);
        var loops = new List<LoopMetrics>();
        if (options.ReportOnly)
        {
            // Finished loops from their metrics.json; unfinished ones measured as far as they got (barrier only where the
            // stability test has not run yet).
            for (int i = 0; i < options.Seeds; i++)
            {
                foreach (string method in options.Methods)
                {
                    string path = Path.Combine(experiment.LoopDirectory(method, options.SeedOf(i)), "metrics.json");
                    var loop = File.Exists(path) ? LoopMetrics.Read(path) : experiment.MeasurePartial(method, options.SeedOf(i), log, cancellationToken);
                    if (loop is not null && experiment.SettingsMatch(loop.Settings, method))
                    {
                        loops.Add(loop);
                    }
                }
            }
        }
        else
        {
            for (int i = 0; i < options.Seeds; i++)
            {
                foreach (string method in options.Methods)
                {
                    var watch = Stopwatch.StartNew();
                    var metrics = await experiment.RunAsync(method, options.SeedOf(i), log, cancellationToken).ConfigureAwait(false);
                    var last = metrics.Generations[^1];
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method} seed {metrics.Seed:D2}: {last.Labels} labels, barrier {last.Committee.BarrierKcalPerMol:F3} kcal/mol (xtb {reference.BarrierKcalPerMol:F3}), stable {last.Committee.StableFraction:P0} at 0.5 fs / {last.Committee.StableFraction1Fs:P0} at 1 fs, {watch.Elapsed.TotalSeconds:F0} s"));
                    loops.Add(metrics);
                }
            }
        }

        var initialKcal = initial.Select(s => (s.Energy - reference.MinimumEnergy) / Units.KcalPerMol).ToList();
        var document = Results.Build(loops, reference, initialKcal, BusySeconds(loops), Settings(options, experiment));
        document["thisInvocationSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        Results.Write(Path.Combine(options.Out, "results.json"), document);
        if (loops.Count > 0)
        {
            Plots.BarrierError(Path.Combine(options.Out, "ammonia-barrier-error.png"), loops, reference.BarrierKcalPerMol);
            Plots.Stability(Path.Combine(options.Out, "ammonia-stability.png"), loops);
            Plots.LabelEnergies(Path.Combine(options.Out, "ammonia-label-energies.png"), loops, reference.BarrierKcalPerMol, options.WindowKcal);
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(options.Out, "results.json")} and the plots: {loops.Count} loop(s), {clock.Elapsed.TotalSeconds:F0} s"));
        return document;
    }

    /// <summary>
    /// Wall time of the loops, also when several processes shared the run or a later run reused finished loops: the length
    /// of the union of the loops' [start, end] intervals.
    /// </summary>
    /// <param name="loops">The loops.</param>
    /// <returns>Seconds.</returns>
    public static double BusySeconds(IEnumerable<LoopMetrics> loops)
    {
        ArgumentNullException.ThrowIfNull(loops);
        return SampleHost.BusySeconds(loops.Select(l => (l.StartedUtc, l.EndedUtc)));
    }

    private static JsonObject Settings(SampleOptions options, LoopExperiment experiment) => new()
    {
        ["committee"] = Committee(experiment),
        ["training"] = Training(experiment, options),
        ["selection"] = string.Create(CultureInfo.InvariantCulture, $"library defaults (80th percentile of the training uncertainty, random cap {options.Labels} per generation) with a duplicate radius of {LoopExperiment.DuplicateRadius} Å Kabsch RMSD to training and between candidates (library default 0.1 Å)"),
        ["adversarial"] = string.Create(CultureInfo.InvariantCulture, $"GradientAttackOptions.Default(initial data){(options.AttackKTSpreads == GradientAttackOptions.MolecularTemperatureFactor && options.AttackCeilingSpreads == GradientAttackOptions.MolecularCeilingFactor && options.AttackSoftModes == GradientAttackOptions.MolecularSoftModes ? " as is (the settings for molecules)" : "")}: kT = {options.AttackKTSpreads} × the spread of the initial energies, ceiling {options.AttackCeilingSpreads} spreads, bounding box + {GradientAttackOptions.DefaultBoxMargin} Å, distance guards, best geometry; {GradientAttackOptions.DefaultSteps} Adam steps at {GradientAttackOptions.DefaultLearningRate}{(options.AttackMetric == "force" ? "" : $"; metric: {options.AttackMetric} variance")}{(options.AttackSoftModes is { } k ? $"; along the {k} softest internal mode(s) of each seed only" : "; every coordinate (soft modes off)")}"),
        ["adversarialPaper"] = "GradientAttackOptions.Paper(PaperSystem.Molecule) as is: kT = 20 kcal/mol, 100 Adam steps at 1e-2, clamp ±3 Å, last geometry",
        ["mdActiveLearning"] = string.Create(CultureInfo.InvariantCulture, $"MdExplorer: Langevin {Methods.MdTemperatureK} K, 0.5 fs, ≤ {Methods.MdExplorerOptions(options.Smoke).Steps} steps from every training structure, uncertainty every 50 steps, first frame above the 80th percentile of the training uncertainty, NH3 explosion window"),
        ["stabilityTest"] = string.Create(CultureInfo.InvariantCulture, $"{(options.StabilityFirst ? "generation 0 and the last generation" : "the last generation")}: {options.Trajectories} NVE trajectories per time step (1 fs and 0.5 fs), {options.MdPicoseconds} ps, Maxwell–Boltzmann {CommitteeProbe.StabilityTemperatureK} K (seeds 0..{options.Trajectories - 1}) at the xtb minimum, explosion outside [0.75, 2.25] Å, replicas batched"),
        ["barrier"] = "committee: E(planar, z frozen, from the xtb D3h structure) − E(minimum, from the xtb minimum), L-BFGS to 5e-3 eV/Å; xtb: the same to 1e-3 eV/Å",
        ["initialData"] = string.Create(CultureInfo.InvariantCulture, $"{options.Initial} normal-mode (harmonic Boltzmann, {ReferenceData.SamplingTemperatureK} K) samples around the xtb minimum with E − E_min ≤ {options.WindowKcal} kcal/mol, xtb-labelled, one set for every seed"),
        ["generations"] = options.Generations,
        ["labelsPerGeneration"] = options.Labels,
        ["firstSeed"] = options.FirstSeed,
        ["threads"] = options.Threads,
        ["smoke"] = options.Smoke,
        ["settingsKey"] = experiment.Settings,
    };

    private static string Committee(LoopExperiment experiment)
    {
        var spec = experiment.Spec();
        var committee = experiment.CommitteeOptions();
        return string.Create(CultureInfo.InvariantCulture, $"{committee.Members} × SchNet (features {spec.Features}, {spec.Interactions} interaction blocks, {spec.Gaussians} Gaussians, cutoff {spec.Cutoff} Å, filter {spec.FilterWidth}, readout {spec.ReadoutWidth}), {committee.DType}");
    }

    private static string Training(LoopExperiment experiment, SampleOptions options)
    {
        var t = experiment.CommitteeOptions().Training;
        return string.Create(CultureInfo.InvariantCulture, $"Adam {t.LearningRate} (plateau decay ×{t.PlateauFactor} after {t.PlateauPatience} epochs), minibatch {t.BatchSize}, at most {t.Epochs} epochs, early-stopping patience {t.EarlyStoppingPatience}, loss {t.EnergyWeight}·MSE(E) + {t.ForceWeight}·MSE(F); re-initialised every generation, new labels ×{LoopExperiment.Retraining.ReplicationWeight}, initial data split {LoopExperiment.Retraining.TrainFraction}/{LoopExperiment.Retraining.ValidationFraction} (train/validation){(options.LossWeightingKcal is { } w ? $", Boltzmann loss weighting kT = {w} kcal/mol" : "")}");
    }
}
