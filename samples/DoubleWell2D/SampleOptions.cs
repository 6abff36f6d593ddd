using AdversarialSampling.Samples.Shared;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>The command line of the sample (see <see cref="Usage"/>).</summary>
public sealed record SampleOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        DoubleWell2D: the paper's Figure 2 comparison on the 2D double well (adversarial sampling vs baselines).
        Usage: dotnet run -c Release --project samples/DoubleWell2D -- [options]
          --loops N          independent loops per method, paired by seed (default 1; 20 = the reproduction)
          --generations N    adversarial generations after generation 0 (default 7)
          --labels N         labels per generation (selection cap; default 20)
          --methods A,B      subset of: adversarial, adversarialPaper, adversarialPaperWeighted, adversarialPaperCeiling, randomDisplacement, uniform
                             (default all but adversarialPaperCeiling)
          --out DIR          where results.json, the plots and runs/<method>/loop-NN go (default out/doublewell2d)
          --width N          committee hidden width (default 64)
          --depth N          committee linear layers (default 4: 2→W→W→W→1)
          --epochs N         most training epochs per generation (default 200; early stopping after --patience)
          --patience N       early-stopping patience in epochs (default 30)
          --batch-size N     training minibatch (default 128)
          --ceiling E        retraining energy ceiling of adversarialPaperCeiling (eV above the initial minimum; default 10)
          --weighting-kt E   kT of the Boltzmann loss weighting of adversarialPaperWeighted (eV; default 5, the Paper preset's kT)
          --attack-kt-spreads F       adversarial (library defaults) only: kT in spreads of the initial energies
                                      (default: the library's 2 for model surfaces)
          --attack-ceiling-spreads F  adversarial only: predicted-energy ceiling in spreads (default: the library's 5)
          --attack-steps N            adversarial only: Adam steps per attack (default: the library's 150 for model surfaces)
                                      (a variant of the defaults needs its own --out: loops are stored per method and seed)
          --paper-seeding S  seeds of the Paper-preset methods and of randomDisplacement: replicated (default: every
                             training point as often as it is replicated in training, new labels 4×, as the paper's
                             code seeds its attacker and its random attacker) or all (each training point once, the
                             runs before 27 Nov 2026; needs its own --out)
          --random-shape S   randomDisplacement's draw per component: uniform (default: U(−0.63, 0.63) Å, as the paper's
                             random attacker) or gaussian (N(0, 0.38²) Å, every run reported before the uniform one; needs its own --out)
          --random-selection S  randomDisplacement's uncertainty threshold: threshold (default: the Paper preset's selection,
                             80th-percentile uncertainty threshold included, as the paper's code filters its random
                             attacker) or unfiltered (the same selection without the threshold, the runs before 28 Nov 2026;
                             needs its own --out)
          --paper-selection S  selection of the Paper-preset methods and randomDisplacement: notebook (default: the
                             paper's 2D notebook, the 80th-percentile uncertainty threshold and the random cap only, so every
                             generation labels the same number of points as the baselines) or library (the threshold plus the
                             0.1 Å distance-to-training and dedup rules, the runs before 28 Nov 2026, 02:55 UTC; needs its own --out)
          --paper-percentile P  population of the Paper-preset methods' and randomDisplacement's 80th-percentile
                             threshold: replicated (default: the training set as trained on, new labels 4×, as the paper's
                             code) or each (each training structure once, the runs before 28 Nov 2026, 04:39 UTC; needs its own --out)
          --paper-threshold T  threshold rule of the Paper-preset methods and randomDisplacement: components (default: the
                             paper code's UncertaintyPercentile, the percentile over every free force component's variance
                             pooled, and a candidate passes only if each of its components reaches it) or mean (the mean force
                             variance per structure, the runs before 28 Nov 2026, 06:52 UTC; needs its own --out)
          --loop-split       train on 60 % of the initial data and validate on 20 % (the loop's default split) instead of
                             training on all of it without validation (needs its own --out)
          --new-label-validation F  hold out this share of the new labels for validation (RetrainingOptions.
                             NewLabelValidationFraction; default 0; needs its own --out)
          --validation-diagnostic G  for the finished loops under --out (same options as their run): retrain the data
                             the committee of generation G trained on without validation, on the initial validation part,
                             and on everything the loop validated on; print best epochs, E≤1 RMSE and the training
                             points' median force variance; write validation-diagnostic.json; runs no loop
          --retraining-diagnostic G  for the finished loops under --out (same options as their run, except that --epochs
                             and --patience may differ): retrain the data the committee of generation G trained on
                             --retrain-repeats times (committee seeds 1000, 1001, …); print and write the stored and retrained
                             E≤1 RMSE and the random / Paper ratio of the means to retraining-diagnostic-epochsE-patienceP.json;
                             runs no loop
          --retrain-repeats N  retrainings per loop of --retraining-diagnostic (default 3)
          --first-seed N     seed of loop 0; loop i uses first-seed + i (default 0)
          --threads N        torch intra-op threads (default 1)
          --report-only      rebuild results.json and the plots from the loops already under --out (with --loops N:
                             only loops 0 … N−1; with --methods: only those methods)
          --smoke            CI-sized run: 1 loop, 2 generations, 5 labels, a tiny committee, few epochs
        """;

    /// <summary>Loops per method (default 1).</summary>
    public int Loops { get; init; } = 1;

    /// <summary>Generations after generation 0 (default 7).</summary>
    public int Generations { get; init; } = 7;

    /// <summary>Labels per generation (default 20).</summary>
    public int Labels { get; init; } = 20;

    /// <summary>Methods to run (default all, in report order).</summary>
    public IReadOnlyList<string> Methods { get; init; } = MethodKeys.Default;

    /// <summary>Output directory (default out/doublewell2d).</summary>
    public string Out { get; init; } = Path.Combine("out", "doublewell2d");

    /// <summary>kT of the <c>adversarial</c> method in spreads of the initial energies; null (default) = the library's
    /// <see cref="AdversarialSampling.Attacks.GradientAttackOptions.DefaultTemperatureFactor"/>.</summary>
    public double? AttackKTSpreads { get; init; }

    /// <summary>Predicted-energy ceiling of the <c>adversarial</c> method in spreads; null (default) = the library's
    /// <see cref="AdversarialSampling.Attacks.GradientAttackOptions.DefaultCeilingFactor"/>.</summary>
    public double? AttackCeilingSpreads { get; init; }

    /// <summary>Adam steps of the <c>adversarial</c> method's attack; null (default) = the library's
    /// <see cref="AdversarialSampling.Attacks.GradientAttackOptions.ModelSurfaceSteps"/>.</summary>
    public int? AttackSteps { get; init; }

    /// <summary>
    /// Seeds of the Paper-preset methods and of <c>randomDisplacement</c> (the paper's two attackers): true (default) =
    /// <see cref="AdversarialSampling.Loop.SeedPolicy.ReplicatedTraining"/>, as the paper's code seeds them; false = each
    /// training point once (<see cref="AdversarialSampling.Loop.SeedPolicy.AllTraining"/>, the reproduction's runs before
    /// 27 Nov 2026). The library-defaults and uniform methods always use the library default.
    /// </summary>
    public bool PaperReplicatedSeeding { get; init; } = true;

    /// <summary>
    /// Shape of the <c>randomDisplacement</c> draw: true (default) = uniform in ±0.63 Å per component, as the paper code's
    /// random attacker; false = Gaussian σ = 0.38 Å (every reproduction run reported before the uniform one). Both match the
    /// Paper attack's measured mean displacement (<see cref="ComparisonMethods.RandomDisplacementHalfWidth"/>).
    /// </summary>
    public bool UniformRandomDisplacement { get; init; } = true;

    /// <summary>
    /// Selection of the <c>randomDisplacement</c> candidates: true (default) = the Paper preset's selection
    /// (<see cref="NotebookSelection"/>), with its uncertainty threshold (the 80th percentile of the training set's force
    /// variance), as the paper code's loop filters its random attacker's candidates with the same scores as its adversarial
    /// attacker's; false = the same selection without the threshold (every reproduction run reported before 28 Nov 2026).
    /// </summary>
    public bool FilteredRandomDisplacement { get; init; } = true;

    /// <summary>
    /// Selection of the Paper-preset methods and <c>randomDisplacement</c>: true (default) = the paper's 2D notebook
    /// (<c>score_params</c> = the 80th-percentile uncertainty threshold alone, then the random cap of 20: no distance-to-training
    /// or dedup rule, so every generation labels as many points as the baselines); false = the library's selection
    /// (threshold plus the 0.1 Å distance and dedup rules; every run reported before 28 Nov 2026, 02:55 UTC).
    /// </summary>
    public bool NotebookSelection { get; init; } = true;

    /// <summary>
    /// The population of the Paper-preset methods' and <c>randomDisplacement</c>'s 80th-percentile threshold: true
    /// (default) = the training set as the committee trains on it, new labels counted 4 times, as the paper code's loop
    /// takes it over its replicated training loader (<see cref="Selection.SelectionOptions.PercentileOverReplicatedTraining"/>);
    /// false = each training structure once (every run reported before 28 Nov 2026, 04:39 UTC). The library defaults keep
    /// the library's (each structure once).
    /// </summary>
    public bool ReplicatedPercentile { get; init; } = true;

    /// <summary>
    /// The threshold rule of the Paper-preset methods and <c>randomDisplacement</c>: true (default) = the paper code's
    /// <c>UncertaintyPercentile</c>, the percentile of every free force component's variance pooled, and a candidate passes
    /// only if each of its free components reaches it (<see cref="Selection.SelectionOptions.PerComponentForceThreshold"/>);
    /// false = the mean force variance per structure against the percentile of those means (every run reported before
    /// 28 Nov 2026, 06:52 UTC). The library defaults keep the library's (the mean).
    /// </summary>
    public bool PerComponentThreshold { get; init; } = true;

    /// <summary>Use the loop's default 60/20/20 split of the initial data instead of training on all of it (default false).</summary>
    public bool LoopSplit { get; init; }

    /// <summary>Share of the new labels held out for validation, in [0, 1) (default 0).</summary>
    public double NewLabelValidation { get; init; }

    /// <summary>Committee hidden width (default 64).</summary>
    public int Width { get; init; } = 64;

    /// <summary>Committee linear layers (default 4).</summary>
    public int Depth { get; init; } = 4;

    /// <summary>Most epochs per training (default 200).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Early-stopping patience (default 30).</summary>
    public int Patience { get; init; } = 30;

    /// <summary>Training minibatch size (default 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Retraining energy ceiling of adversarialPaperCeiling (eV above the initial minimum; default 10).</summary>
    public double Ceiling { get; init; } = 10;

    /// <summary>kT of the loss weighting of adversarialPaperWeighted (eV; default 5).</summary>
    public double WeightingKt { get; init; } = 5;

    /// <summary>Seed of loop 0 (default 0).</summary>
    public int FirstSeed { get; init; }

    /// <summary>Torch threads (default 1).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>True when --loops was on the command line (then --report-only keeps only loops 0 … <see cref="Loops"/> − 1).</summary>
    public bool LoopsGiven { get; init; }

    /// <summary>The generation of <c>--validation-diagnostic</c>, or null (default: run the comparison).</summary>
    public int? ValidationDiagnostic { get; init; }

    /// <summary>The generation of <c>--retraining-diagnostic</c>, or null (default: run the comparison).</summary>
    public int? RetrainingDiagnostic { get; init; }

    /// <summary>Retrainings per loop of <c>--retraining-diagnostic</c> (default 3).</summary>
    public int RetrainRepeats { get; init; } = 3;

    /// <summary>Only rebuild results and plots.</summary>
    public bool ReportOnly { get; init; }

    /// <summary>CI-sized run.</summary>
    public bool Smoke { get; init; }

    /// <summary>Committee members (5; 3 in smoke mode).</summary>
    public int Members => Smoke ? 3 : 5;

    /// <summary>The seed of loop <paramref name="loop"/>.</summary>
    /// <param name="loop">Loop index.</param>
    /// <returns>The seed.</returns>
    public int SeedOf(int loop) => FirstSeed + loop;

    /// <summary>Parses the command line.</summary>
    /// <param name="args">Arguments.</param>
    /// <returns>The options, or null when help was asked for.</returns>
    /// <exception cref="ArgumentException">An unknown option or a bad value (named).</exception>
    public static SampleOptions? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = new SampleOptions();
        bool smoke = args.Contains("--smoke");
        if (smoke)
        {
            o = o with { Smoke = true, Loops = 1, Generations = 2, Labels = 5, Width = 16, Depth = 3, Epochs = 30, Patience = 10, BatchSize = 64, Out = Path.Combine("out", "doublewell2d-smoke") };
        }

        var reader = new ArgumentReader(args);
        while (reader.MoveNext())
        {
            string name = reader.Name;
            SampleOptions? next = name switch
            {
                "--help" or "-h" => null,
                "--smoke" => o,
                "--report-only" => o with { ReportOnly = true },
                "--validation-diagnostic" => o with { ValidationDiagnostic = reader.Int(0) },
                "--retraining-diagnostic" => o with { RetrainingDiagnostic = reader.Int(0) },
                "--retrain-repeats" => o with { RetrainRepeats = reader.Int(1) },
                "--loops" => o with { Loops = reader.Int(1), LoopsGiven = true },
                "--generations" => o with { Generations = reader.Int(1) },
                "--labels" => o with { Labels = reader.Int(1) },
                "--width" => o with { Width = reader.Int(1) },
                "--depth" => o with { Depth = reader.Int(2) },
                "--epochs" => o with { Epochs = reader.Int(1) },
                "--patience" => o with { Patience = reader.Int(0) },
                "--batch-size" => o with { BatchSize = reader.Int(1) },
                "--first-seed" => o with { FirstSeed = reader.Int(0) },
                "--threads" => o with { Threads = reader.Int(1) },
                "--out" => o with { Out = reader.Value() },
                "--ceiling" => o with { Ceiling = reader.Positive("eV") },
                "--weighting-kt" => o with { WeightingKt = reader.Positive("eV") },
                "--attack-kt-spreads" => o with { AttackKTSpreads = reader.Positive("spreads") },
                "--attack-ceiling-spreads" => o with { AttackCeilingSpreads = reader.Positive("spreads") },
                "--attack-steps" => o with { AttackSteps = reader.Int(1) },
                "--loop-split" => o with { LoopSplit = true },
                "--new-label-validation" => o with { NewLabelValidation = reader.Fraction() },
                "--random-shape" => o with { UniformRandomDisplacement = reader.Choice(("uniform", true), ("gaussian", false)) },
                "--paper-selection" => o with { NotebookSelection = reader.Choice(("notebook", true), ("library", false)) },
                "--paper-percentile" => o with { ReplicatedPercentile = reader.Choice(("replicated", true), ("each", false)) },
                "--paper-threshold" => o with { PerComponentThreshold = reader.Choice(("components", true), ("mean", false)) },
                "--random-selection" => o with { FilteredRandomDisplacement = reader.Choice(("threshold", true), ("unfiltered", false)) },
                "--paper-seeding" => o with { PaperReplicatedSeeding = reader.Choice(("replicated", true), ("all", false)) },
                "--methods" => o with { Methods = reader.Subset(MethodKeys.All) },
                _ => throw new ArgumentException($"Unknown option '{name}'. Run with --help for the options."),
            };
            if (next is null)
            {
                return null;
            }

            o = next;
        }

        return o;
    }
}
