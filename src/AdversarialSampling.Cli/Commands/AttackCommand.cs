using System.CommandLine;
using System.Globalization;
using AdversarialSampling.Cli.Config;
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Cli.Commands;

/// <summary>
/// <c>attack --committee DIR --seeds FILE --out FILE</c>: the gradient attack on every seed frame, written as
/// extended XYZ: each attacked structure with the <c>predict</c> keys (see <see cref="PredictionKeys"/>) plus
/// <c>seed_index</c>, <c>attack_start</c>, <c>attack_steps</c>, <c>attack_exit</c>, <c>attack_log_objective</c>
/// and <c>seed_committee_force_var</c> (the seed's own value, for comparison).
/// </summary>
internal static class AttackCommand
{
    public static Command Create()
    {
        var committeeDir = new Option<DirectoryInfo>("--committee") { Description = "Committee directory written by 'train'. Required.", Required = true };
        var seedsFile = new Option<FileInfo>("--seeds") { Description = "Extended XYZ file of seed structures (positions Å; constraints from move_mask are honoured). Required.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Extended XYZ file to write (atomically): one frame per seed and start, ordered by seed then start, with committee_energy (eV), committee_energy_var (eV²), committee_force_var (eV²/Å², mean), committee_force_var_max (eV²/Å², largest per-atom), per-atom committee_forces (eV/Å), seed_index, attack_start, attack_steps, attack_exit (MaxSteps, TargetReached, EnergyCeiling, DistanceGuard, NonFinite), attack_log_objective (dimensionless) and seed_committee_force_var (eV²/Å², the seed's). Seed labels are not copied. Required.", Required = true };
        var training = new Option<FileInfo?>("--training") { Description = "Labelled extended XYZ file with the committee's training energies (eV) for the partition function Z, the default bounds and the energy ceiling. Default: the seeds file, whose frames must then carry 'energy'." };
        var preset = new Option<string>("--preset") { Description = "Starting settings: 'default' (kT = 2 × training energy spread and energy ceiling 5 × spread above the training minimum for one-particle model surfaces, 1 × and 1.25 × for molecules and materials; Adam 1e-2 for 150 steps on model surfaces and 100 on molecules and materials, box = training bounding box + 1 Å, distance guard 0.5 × covalent radii, best geometry kept, and for molecules only the softest internal mode of each seed) or the paper's unbounded settings 'paper-2d' (kT 5, Adam 3e-3, 600 steps), 'paper-1d' (kT 5, 1e-3, 400 steps), 'paper-molecule' (kT 20 kcal/mol, 1e-2, 100 steps, clamp ±3 Å). Options below override the preset. Default: default.", DefaultValueFactory = _ => "default" };
        preset.AcceptOnlyFromAmong("default", "paper-2d", "paper-1d", "paper-molecule");
        var steps = new Option<int?>("--steps") { Description = "Adam steps per seed. Default: from the preset (150 for default on a model surface, 100 on molecules and materials, 600 for paper-2d)." };
        var lr = new Option<double?>("--lr") { Description = "Adam learning rate (Å/step). Default: from the preset (0.01 for default, 0.003 for paper-2d)." };
        var kTEv = new Option<double?>("--kT-eV") { Description = "Temperature as a thermal energy kT (eV); 'Infinity' drops the Boltzmann factor. Default: from the preset." };
        var kelvin = new Option<double?>("--temperature-K") { Description = "Temperature in kelvin (exclusive with --kT-eV). Default: from the preset." };
        var deltaStd = new Option<double?>("--delta-std") { Description = "Standard deviation of the random start δ₀ per free component (Å). Default: 0.01." };
        var epsilon = new Option<double?>("--epsilon") { Description = "Clamp every displacement component to ±ε (Å). Default: from the preset (none, or 3 for paper-molecule)." };
        var starts = new Option<int>("--starts") { Description = "Random starts per seed. Default: 1.", DefaultValueFactory = _ => 1 };
        var bestStart = new Option<bool>("--best-start-per-seed") { Description = "With --starts > 1, write only each seed's start with the highest final log objective (a multi-start ascent) instead of every start. Default: every start." };
        var softModes = new Option<int?>("--soft-modes") { Description = "Move each seed only along its K softest internal vibrational modes (eigenvectors of the committee-mean energy's Hessian at the seed, rigid-body motion removed; for NH3 1 = the umbrella inversion, 3 adds the bends); 0 turns it off (every coordinate moves). Default: from the preset (1 for molecules with 'default', off otherwise)." };
        var metric = new Option<string>("--metric") { Description = "Uncertainty climbed by the attack: 'force' (mean committee force variance, eV²/Å²), 'max-atom' (largest per-atom force variance, eV²/Å²), 'energy' (committee energy variance, eV²) or 'energy-per-atom' (eV²/atom²). The energy variance reaches symmetric transition states that the force variance cannot (docs/attacks.md §3). Default: force.", DefaultValueFactory = _ => "force" };
        metric.AcceptOnlyFromAmong("force", "max-atom", "energy", "energy-per-atom");
        var perAtom = new Option<bool>("--per-atom") { Description = "Use per-atom energies (Ē/N and E_k/N_k) in the Boltzmann factor instead of totals. Default: totals." };
        var ceiling = new Option<double?>("--energy-ceiling") { Description = "Reject geometries whose committee energy exceeds the training minimum by more than this (eV; eV/atom with --per-atom). Default: from the preset (5 × spread for default on a model surface, 1.25 × for molecules and materials, none for paper)." };
        var box = new Option<string?>("--box") { Description = "Region the atoms may not leave: xmin,xmax,ymin,ymax,zmin,zmax (Å; 'inf'/'-inf' for open sides). Default: from the preset (training bounding box + 1 Å for default, none for paper)." };
        var guard = new Option<double?>("--min-distance-factor") { Description = "Minimum-distance guard as a fraction of covalent-radius sums (0 turns it off). Default: from the preset (0.5 for default, none for paper)." };
        var trainingGuard = new Option<double?>("--min-training-distance-factor") { Description = "Guard relative to the training data: no pair of atoms closer than this fraction of the shortest distance between the same two elements in the training structures (0 turns it off). Default: from the preset (0.9 for default, none for paper)." };
        var maxDisplacement = new Option<double?>("--max-displacement") { Description = "Largest displacement of any atom from its seed (Å). Default: none." };
        var seed = new Option<int>("--seed") { Description = "Random seed of the random starts. Default: 0.", DefaultValueFactory = _ => 0 };
        var batchSize = new Option<int>("--batch-size") { Description = "Seeds × starts attacked together in one graph batch. Default: 256.", DefaultValueFactory = _ => 256 };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads for libtorch. Default: libtorch's choice." };
        var command = new Command("attack", "Adversarial attack: move every seed structure toward high committee uncertainty weighted by the Boltzmann probability of its predicted energy (gradient ascent with Adam), under bounds that keep it physical.")
        {
            committeeDir, seedsFile, output, training, preset, steps, lr, kTEv, kelvin, deltaStd, epsilon, starts, bestStart, softModes, metric, perAtom, ceiling, box, guard, trainingGuard, maxDisplacement, seed, batchSize, threads,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(threads) is int n)
            {
                TorchSharp.torch.set_num_threads(n);
            }

            string seedsPath = parse.GetValue(seedsFile)!.FullName;
            string trainingPath = parse.GetValue(training)?.FullName ?? seedsPath;
            var seedFrames = ExtendedXyzReader.ReadFrames(seedsPath).ToList();
            if (seedFrames.Count == 0)
            {
                throw new ArgumentException($"{seedsPath}: no frames.");
            }

            var trainingData = ReadEnergies(trainingPath, parse.GetValue(training) is null);
            if (parse.GetValue(kTEv) is not null && parse.GetValue(kelvin) is not null)
            {
                throw new ArgumentException("Give the temperature once: --kT-eV or --temperature-K, not both.");
            }

            Temperature? temperature = parse.GetValue(kTEv) is double ev ? Temperature.FromThermalEnergy(ev)
                : parse.GetValue(kelvin) is double k ? Temperature.FromKelvin(k) : null;
            var mode = parse.GetValue(perAtom) ? BoltzmannEnergy.PerAtom : BoltzmannEnergy.Total;
            var options = parse.GetValue(preset) switch
            {
                "paper-2d" => GradientAttackOptions.Paper(PaperSystem.DoubleWell2D),
                "paper-1d" => GradientAttackOptions.Paper(PaperSystem.DoubleWell1D),
                "paper-molecule" => GradientAttackOptions.Paper(PaperSystem.Molecule),
                _ => GradientAttackOptions.Default(trainingData, ParseBox(parse.GetValue(box)), temperature, mode),
            };
            var bounds = options.Bounds with
            {
                Epsilon = parse.GetValue(epsilon) ?? options.Bounds.Epsilon,
                EnergyCeiling = parse.GetValue(ceiling) ?? options.Bounds.EnergyCeiling,
                Box = ParseBox(parse.GetValue(box)) ?? options.Bounds.Box,
                MinDistanceFactor = parse.GetValue(guard) is double f ? (f > 0 ? f : null) : options.Bounds.MinDistanceFactor,
                MinTrainingDistanceFactor = parse.GetValue(trainingGuard) is double g ? (g > 0 ? g : null) : options.Bounds.MinTrainingDistanceFactor,
                MaxAtomDisplacement = parse.GetValue(maxDisplacement) ?? options.Bounds.MaxAtomDisplacement,
            };
            options = options with
            {
                Objective = options.Objective with { Temperature = temperature ?? options.Objective.Temperature, EnergyMode = mode, Metric = Metric(parse.GetValue(metric)!) },
                Bounds = bounds,
                Steps = parse.GetValue(steps) ?? options.Steps,
                LearningRate = parse.GetValue(lr) ?? options.LearningRate,
                DeltaStd = parse.GetValue(deltaStd) ?? options.DeltaStd,
                Starts = parse.GetValue(starts),
                BestStartPerSeed = parse.GetValue(bestStart),
                SoftModes = SoftModeSetting.Apply(parse.GetValue(softModes), options.SoftModes),
                BatchSize = parse.GetValue(batchSize),
            };
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new ArgumentException("Invalid attack settings: " + string.Join(" ", problems));
            }

            using var committee = TorchCommittee.Load(parse.GetValue(committeeDir)!.FullName);
            var seeds = seedFrames.Select(s => s.Structure).ToList();
            var outcomes = new GradientAttack(options).Attack(committee, seeds, new AttackContext(trainingData, parse.GetValue(seed)));
            var seedVariance = new ForceVariance().EvaluateAll(committee.Predict(seeds));
            var attacked = committee.Predict([.. outcomes.Select(o => o.Structure)]);
            string target = parse.GetValue(output)!.FullName;
            ExtendedXyzWriter.WriteFrames(target, outcomes.Select((o, i) => Frame(o, attacked[i], seedVariance[o.SeedIndex])));
            Console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"attacked {seeds.Count} seeds × {options.Starts} starts{(options.BestStartPerSeed && options.Starts > 1 ? " (best kept)" : string.Empty)} ({options.Objective.Metric.Name}, {options.Objective.Temperature}, {options.Steps} steps): mean committee_force_var {seedVariance.Average():G4} → {attacked.Structures.Average(p => new ForceVariance().Evaluate(p)):G4} eV²/Å²; exits {string.Join(", ", outcomes.GroupBy(o => o.ExitReason).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}; wrote {outcomes.Count} frames to {target}"));
        }));
        return command;
    }

    private static IDifferentiableUncertaintyMetric Metric(string name) => name switch
    {
        "max-atom" => new MaxAtomForceVariance(),
        "energy" => new EnergyVariance(),
        "energy-per-atom" => new EnergyPerAtomVariance(),
        _ => new ForceVariance(),
    };

    private static ExtendedXyzFrame Frame(AttackOutcome outcome, StructurePrediction prediction, double seedForceVariance)
    {
        var frame = new ExtendedXyzFrame(outcome.Structure, new Dictionary<string, object>
        {
            ["seed_index"] = (long)outcome.SeedIndex,
            ["attack_start"] = (long)outcome.Start,
            ["attack_steps"] = (long)outcome.Steps,
            ["attack_exit"] = outcome.ExitReason.ToString(),
            ["attack_log_objective"] = outcome.LogObjectiveAfter,
            ["seed_committee_force_var"] = seedForceVariance,
        });
        return PredictionKeys.Add(frame, prediction);
    }

    private static Dataset ReadEnergies(string path, bool isSeedsFile)
    {
        var samples = new List<LabelledSample>();
        int index = 0;
        foreach (var frame in ExtendedXyzReader.ReadFrames(path))
        {
            if (!frame.TryToLabelledSample(out var sample))
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: frame {index} has no 'energy'; the attack needs the training energies (eV) for the partition function{(isSeedsFile ? " — pass them with --training FILE" : string.Empty)}."));
            }

            samples.Add(sample);
            index++;
        }

        return samples.Count > 0 ? new Dataset(samples) : throw new ArgumentException($"{path}: no frames.");
    }

    private static AttackBox? ParseBox(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 6)
        {
            throw new ArgumentException($"--box needs six numbers xmin,xmax,ymin,ymax,zmin,zmax (Å); got '{text}'.");
        }

        var v = parts.Select(p => p.ToLowerInvariant() switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            _ => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw new ArgumentException($"--box: '{p}' is not a number."),
        }).ToArray();
        return new AttackBox(v[0], v[1], v[2], v[3], v[4], v[5]);
    }
}
