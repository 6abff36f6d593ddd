using System.Globalization;
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using AdversarialSampling.Samples.Shared;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>The command line of the sample (see <see cref="Usage"/>).</summary>
public sealed record SampleOptions
{
    private static readonly SchNetSpec LibraryDefaultSpec = new();
    private static readonly CommitteeOptions LibraryCommittee = new();

    /// <summary>The usage text.</summary>
    public const string Usage = """
        AmmoniaInversion: adversarial sampling vs MD-based active learning on the NH3 inversion barrier, xtb (GFN2) as the oracle.
        Usage: dotnet run -c Release --project samples/AmmoniaInversion -- [options]
          --seeds N          paired seeds per method (default 1; ≥ 5 = the reproduction)
          --first-seed N     seed of loop 0; loop i uses first-seed + i (default 0)
          --generations N    active-learning generations after generation 0 (default 3)
          --labels N         labels per generation (selection cap; default 30)
          --initial N        initial sub-barrier geometries (default 78)
          --window E         initial data: most energy above the xtb minimum (kcal/mol; default 5)
          --methods A,B      subset of: adversarial, adversarialPaper, mdActiveLearning (default all)
          --out DIR          results.json, plots, the labelled initial set and runs/<method>/seed-NN (default out/ammonia)
          --committee C      committee preset (give it before the options below, which override it):
                             sample (default): 5 × SchNet, 16 features, 2 interaction blocks, 20 Gaussians, cutoff 4 Å,
                               readout 16; Adam 3e-3, minibatch 32, ≤ 200 epochs, patience 40 — the committee that fits
                               the full run on the shared 2-core machine (docs/reproduction-ammonia.md);
                             library: the library's SchNetSpec and TrainingOptions defaults (64 features, 3 blocks,
                               25 Gaussians, cutoff 5 Å, readout 32; Adam 1e-3, minibatch 35, ≤ 400 epochs, patience 50)
          --members N        committee members (default 5)
          --features N       SchNet feature (and filter) width
          --interactions N   SchNet interaction blocks
          --epochs N         most training epochs per generation (early stopping after --patience)
          --patience N       early-stopping patience
          --batch-size N     training minibatch
          --learning-rate X  initial Adam learning rate
          --energy-weight X  loss weight of MSE(E) (default 1, the library's)
          --force-weight X   loss weight of MSE(F) (default 10, the library's)
          --attack-kT-spreads X       adversarial (library defaults): kT in spreads of the initial energies (default 1, the library's for molecules)
          --attack-ceiling-spreads X  adversarial (library defaults): predicted-energy ceiling in spreads (default 1.25, the library's for molecules)
          --attack-metric M           adversarial (library defaults): uncertainty the attack climbs and selection ranks, force
                                      (default, the library's force variance) or energy (energy variance)
          --attack-soft-modes K       adversarial (library defaults): move along each seed's K (1-9) softest internal modes
                                      only, or off (every coordinate; the default before 27 Nov 2026); default 1, the
                                      library's for molecules (GradientAttackOptions.SoftModes; 1 = the umbrella inversion)
          --loss-weighting-kT E       every method: Boltzmann weighting of the retraining loss with this kT (kcal/mol; default off)
          --cap C            every method: how the selection cap picks, random (default, the library's) or farthest
                             (greedy farthest-point, CapMode.FarthestPoint; needs its own --out)
          --stability S      which generations get the NN-MD stability test: first+last (default) or last
          --trajectories N   NN-MD stability trajectories per committee and time step (default 20)
          --md-ps P          length of each stability trajectory (ps; default 5)
          --threads N        torch intra-op threads (default 1)
          --scheduler S      where the loops' xtb calls run: local (default) or slurm (one SLURM batch job per call,
                             job directories under OUT/slurm; the same labels as local; needs sbatch/squeue on PATH)
          --report-only      rebuild results.json and the plots from the runs already under --out
          --retrain-check F  diagnostic: retrain on a loop's dataset.extxyz (or the initial.extxyz) with and without the
                             validation split, print both barriers and the training time (committee seed: --first-seed)
          --check-stability  with --retrain-check: also time the NN-MD stability test of the loop-split committee
          --smoke            CI-sized run: 1 seed, 1 generation, 6 labels, 24 initial geometries, a 3-member committee, few epochs, short MD
        """;

    /// <summary>Where the loops' xtb calls run: "local" (default) or "slurm" (a SLURM batch job per call).</summary>
    public string Scheduler { get; init; } = "local";

    /// <summary>Paired seeds (default 1).</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>Seed of loop 0.</summary>
    public int FirstSeed { get; init; }

    /// <summary>Generations after generation 0 (default 3).</summary>
    public int Generations { get; init; } = 3;

    /// <summary>Labels per generation (default 30).</summary>
    public int Labels { get; init; } = 30;

    /// <summary>Initial geometries (default 78).</summary>
    public int Initial { get; init; } = 78;

    /// <summary>Energy window of the initial data above the xtb minimum (kcal/mol; default 5).</summary>
    public double WindowKcal { get; init; } = 5;

    /// <summary>Methods to run.</summary>
    public IReadOnlyList<string> Methods { get; init; } = MethodKeys.All;

    /// <summary>Output directory.</summary>
    public string Out { get; init; } = Path.Combine("out", "ammonia");

    /// <summary>Committee members (default 5, the library's <see cref="CommitteeOptions.Members"/>).</summary>
    public int Members { get; init; } = LibraryCommittee.Members;

    /// <summary>
    /// Whether the committee is the library's default <see cref="SchNetSpec"/> (cutoff 5 Å, 25 Gaussians, readout 32) rather
    /// than the sample's (cutoff 4 Å, 20 Gaussians, readout = <see cref="Features"/>); default false (--committee sample).
    /// </summary>
    public bool LibrarySpec { get; init; }

    /// <summary>SchNet feature and filter width (default 16; --committee library: 64).</summary>
    public int Features { get; init; } = 16;

    /// <summary>SchNet interaction blocks (default 2; --committee library: 3).</summary>
    public int Interactions { get; init; } = 2;

    /// <summary>Most epochs per training (default 200; --committee library: 400).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Early-stopping patience (default 40; --committee library: 50).</summary>
    public int Patience { get; init; } = 40;

    /// <summary>Training minibatch (default 32; --committee library: 35).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Initial Adam learning rate (default 3e-3; --committee library: 1e-3).</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Loss weight of MSE(E) (default: the library's <see cref="TrainingOptions.EnergyWeight"/>, 1).</summary>
    public double EnergyWeight { get; init; } = LibraryCommittee.Training.EnergyWeight;

    /// <summary>Loss weight of MSE(F) (default: the library's <see cref="TrainingOptions.ForceWeight"/>, 10).</summary>
    public double ForceWeight { get; init; } = LibraryCommittee.Training.ForceWeight;

    /// <summary>Library-default attack: kT in spreads of the initial energies (default the library's for molecules, <see cref="GradientAttackOptions.MolecularTemperatureFactor"/>).</summary>
    public double AttackKTSpreads { get; init; } = GradientAttackOptions.MolecularTemperatureFactor;

    /// <summary>Library-default attack: predicted-energy ceiling in spreads (default the library's for molecules, <see cref="GradientAttackOptions.MolecularCeilingFactor"/>).</summary>
    public double AttackCeilingSpreads { get; init; } = GradientAttackOptions.MolecularCeilingFactor;

    /// <summary>Library-default attack: the uncertainty it climbs, "force" (default, the library's force variance) or "energy" (energy variance).</summary>
    public string AttackMetric { get; init; } = "force";

    /// <summary>Library-default attack: <see cref="GradientAttackOptions.SoftModes"/> (default the library's for molecules, <see cref="GradientAttackOptions.MolecularSoftModes"/>; null: off).</summary>
    public int? AttackSoftModes { get; init; } = GradientAttackOptions.MolecularSoftModes;

    /// <summary>How the selection cap picks for every method: false (default) = random, the library's; true = farthest point.</summary>
    public bool FarthestPointCap { get; init; }

    /// <summary>Boltzmann weighting of the retraining loss, kT in kcal/mol (default null: off).</summary>
    public double? LossWeightingKcal { get; init; }

    /// <summary>Whether generation 0 gets the NN-MD stability test too (default true; the last generation always does).</summary>
    public bool StabilityFirst { get; init; } = true;

    /// <summary>With <see cref="RetrainCheck"/>: also time the stability test of the retrained committee.</summary>
    public bool CheckStability { get; init; }

    /// <summary>Stability trajectories per committee and time step (default 20).</summary>
    public int Trajectories { get; init; } = 20;

    /// <summary>Length of each stability trajectory (ps; default 5).</summary>
    public double MdPicoseconds { get; init; } = 5;

    /// <summary>Torch threads (default 1).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Only rebuild the report.</summary>
    public bool ReportOnly { get; init; }

    /// <summary>CI-sized run.</summary>
    public bool Smoke { get; init; }

    /// <summary>A loop dataset for the retraining diagnostic (<see cref="Ammonia.RetrainCheck"/>), or null.</summary>
    public string? RetrainCheck { get; init; }

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
        if (args.Contains("--smoke"))
        {
            o = o with
            {
                Smoke = true, Seeds = 1, Generations = 1, Labels = 6, Initial = 24, Members = 3, Features = 8, Interactions = 1,
                Epochs = 40, Patience = 20, Trajectories = 4, MdPicoseconds = 0.2, Out = Path.Combine("out", "ammonia-smoke"),
            };
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
                "--seeds" => o with { Seeds = reader.Int(1) },
                "--first-seed" => o with { FirstSeed = reader.Int(0) },
                "--generations" => o with { Generations = reader.Int(1) },
                "--labels" => o with { Labels = reader.Int(1) },
                "--initial" => o with { Initial = reader.Int(4) },
                "--window" => o with { WindowKcal = reader.Positive() },
                "--committee" => reader.Value() switch
                {
                    "sample" => o with { LibrarySpec = false, Features = 16, Interactions = 2, Epochs = 200, Patience = 40, BatchSize = 32, LearningRate = 3e-3 },
                    "library" => o with
                    {
                        LibrarySpec = true,
                        Features = LibraryDefaultSpec.Features,
                        Interactions = LibraryDefaultSpec.Interactions,
                        Epochs = LibraryCommittee.Training.Epochs,
                        Patience = LibraryCommittee.Training.EarlyStoppingPatience,
                        BatchSize = LibraryCommittee.Training.BatchSize,
                        LearningRate = LibraryCommittee.Training.LearningRate,
                    },
                    var s => throw new ArgumentException($"--committee takes sample or library; found '{s}'."),
                },
                "--members" => o with { Members = reader.Int(2) },
                "--features" => o with { Features = reader.Int(1) },
                "--interactions" => o with { Interactions = reader.Int(1) },
                "--epochs" => o with { Epochs = reader.Int(1) },
                "--patience" => o with { Patience = reader.Int(0) },
                "--batch-size" => o with { BatchSize = reader.Int(1) },
                "--learning-rate" => o with { LearningRate = reader.Positive() },
                "--energy-weight" => o with { EnergyWeight = reader.Positive() },
                "--force-weight" => o with { ForceWeight = reader.Positive() },
                "--attack-kT-spreads" => o with { AttackKTSpreads = reader.Positive() },
                "--attack-ceiling-spreads" => o with { AttackCeilingSpreads = reader.Positive() },
                "--attack-soft-modes" => o with { AttackSoftModes = reader.Choice([("off", (int?)null), .. Enumerable.Range(1, 9).Select(k => (k.ToString(CultureInfo.InvariantCulture), (int?)k))]) },
                "--attack-metric" => o with { AttackMetric = reader.Choice(("force", "force"), ("energy", "energy")) },
                "--loss-weighting-kT" => o with { LossWeightingKcal = reader.Positive() },
                "--cap" => o with { FarthestPointCap = reader.Choice(("random", false), ("farthest", true)) },
                "--stability" => o with { StabilityFirst = reader.Choice(("first+last", true), ("last", false)) },
                "--check-stability" => o with { CheckStability = true },
                "--trajectories" => o with { Trajectories = reader.Int(1) },
                "--md-ps" => o with { MdPicoseconds = reader.Positive() },
                "--threads" => o with { Threads = reader.Int(1) },
                "--scheduler" => o with { Scheduler = reader.Choice(("local", "local"), ("slurm", "slurm")) },
                "--out" => o with { Out = reader.Value() },
                "--retrain-check" => o with { RetrainCheck = reader.Value() },
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
