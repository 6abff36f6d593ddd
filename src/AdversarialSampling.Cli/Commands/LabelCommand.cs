using System.CommandLine;
using System.Globalization;
using AdversarialSampling.IO;
using AdversarialSampling.Oracles;
using AdversarialSampling.Potentials;
using AdversarialSampling.Slurm;
using AdversarialSampling.Structures;
using AdversarialSampling.Xtb;

namespace AdversarialSampling.Cli.Commands;

/// <summary>
/// <c>label --oracle xtb --in FILE --out FILE</c>: ground-truth labels for every frame of an extended XYZ file, in
/// ASE's convention (per-frame <c>energy</c> in eV, per-atom <c>forces</c> in eV/Å) plus <c>oracle</c> and
/// <c>oracle_version</c>. Failed frames are reported on standard error and left out.
/// </summary>
internal static class LabelCommand
{
    private static readonly string[] StaleLabelKeys = [ExtendedXyzFrame.StressKey, ExtendedXyzFrame.VirialKey, "free_energy"];

    public static Command Create()
    {
        var xtbDefaults = new XtbOptions();
        var oracle = new Option<string>("--oracle") { Description = "The oracle: 'xtb' (the xtb program, GFN2-xTB by default), or an analytic surface 'doublewell1d', 'doublewell2d', 'mullerbrown'. Required.", Required = true };
        oracle.AcceptOnlyFromAmong("xtb", "doublewell1d", "doublewell2d", "mullerbrown");
        var input = new Option<FileInfo>("--in") { Description = "Extended XYZ file of structures (positions Å). Existing per-frame and per-atom keys are kept. Required.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Extended XYZ file to write (atomically): the labelled frames in input order with per-frame energy (eV), oracle, oracle_version and per-atom forces (eV/Å) added or replaced, and stale stress, virial and free_energy removed. Failed frames are left out. Required.", Required = true };
        var method = new Option<string>("--method") { Description = "xtb method: gfn2, gfn1 or gfnff. Default: gfn2.", DefaultValueFactory = _ => "gfn2" };
        method.AcceptOnlyFromAmong("gfn2", "gfn1", "gfnff");
        var charge = new Option<int>("--charge") { Description = "xtb: total charge (e). Default: 0.", DefaultValueFactory = _ => 0 };
        var uhf = new Option<int>("--uhf") { Description = "xtb: number of unpaired electrons. Default: 0.", DefaultValueFactory = _ => 0 };
        var solvent = new Option<string?>("--solvent") { Description = "xtb: ALPB implicit solvent (e.g. water, methanol, thf). Default: none (gas phase)." };
        var threads = new Option<int>("--threads") { Description = "xtb: OpenMP threads per xtb process. Default: 1.", DefaultValueFactory = _ => 1 };
        var accuracy = new Option<double>("--accuracy") { Description = "xtb: SCC accuracy (--acc; lower is tighter). Default: 1.", DefaultValueFactory = _ => xtbDefaults.Accuracy };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "xtb: maximum SCC iterations. Default: xtb's (250)." };
        var executable = new Option<string>("--xtb") { Description = "xtb: the program (a name on PATH or a path). Default: xtb.", DefaultValueFactory = _ => xtbDefaults.Executable };
        var timeout = new Option<double>("--timeout-s") { Description = "Time limit per frame (s); the process tree is killed when it passes. Default: 600.", DefaultValueFactory = _ => xtbDefaults.Timeout!.Value.TotalSeconds };
        var concurrency = new Option<int>("--concurrency") { Description = "Frames labelled at once. Default: 1.", DefaultValueFactory = _ => 1 };
        var maxForce = new Option<double>("--max-force") { Description = "Largest accepted per-atom force norm (eV/Å); a frame above it fails as UnphysicalResult. Default: 100.", DefaultValueFactory = _ => PhysicsGate.DefaultMaxForceNorm };
        var minDistance = new Option<double>("--min-distance-factor") { Description = "Geometry gate: a frame with two atoms closer than this fraction of the sum of their covalent radii fails as GeometryRejected without a call; 0 disables the gate. Default: 0.5.", DefaultValueFactory = _ => GeometryGate.DefaultCovalentFactor };
        var slurmRoot = new Option<DirectoryInfo?>("--slurm-work-root") { Description = "xtb: run every frame as a SLURM batch job (sbatch on this submit host), with the per-frame work directories and job ledgers under this directory (shared with the compute nodes). If the command dies (killed, session lost), running it again with the same directory adopts the jobs still running and harvests the finished ones instead of submitting them again; Ctrl+C cancels the running jobs. Default: label on this machine." };
        var slurmPartition = new Option<string?>("--slurm-partition") { Description = "With --slurm-work-root: the partition (sbatch --partition). Default: the cluster's default partition." };
        var slurmTime = new Option<double?>("--slurm-time-limit-min") { Description = "With --slurm-work-root: the time limit per job in minutes (≥ 1, sbatch --time). Default: the partition's." };
        var slurmPoll = new Option<double?>("--slurm-poll-s") { Description = "With --slurm-work-root: how often a waiting frame checks its job (s; the frames share squeue queries). Default: 15." };
        var scratch = new Option<DirectoryInfo?>("--scratch") { Description = "Directory for the per-frame scratch directories (failed ones are kept there). Default: $TMPDIR/adversarial-sampling-oracle." };
        var command = new Command(
            "label",
            "Label every frame of an extended XYZ file with an oracle (energy in eV, forces in eV/Å). Each frame first passes the geometry gate (no two atoms closer than half the sum of their covalent radii, see --min-distance-factor) and each result the physics gate (--max-force). Failed frames are listed on standard error as 'frame I: Kind: message' and left out. Exit code 0 when at least one frame was labelled (or the input is empty), 4 when every frame failed (the output is still written, empty), 1 for bad input or an oracle that cannot run (e.g. xtb missing), 130 when interrupted (nothing written).")
        {
            oracle, input, output, method, charge, uhf, solvent, threads, accuracy, maxIterations, executable, timeout, concurrency, maxForce, minDistance, scratch,
            slurmRoot, slurmPartition, slurmTime, slurmPoll,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            int parallel = parse.GetValue(concurrency);
            if (parallel < 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--concurrency must be at least 1; found {parallel}."));
            }

            double seconds = parse.GetValue(timeout);
            if (!(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--timeout-s must be a positive number of seconds; found {seconds}."));
            }

            var gate = new PhysicsGate { MaxForceNorm = Positive(parse.GetValue(maxForce), "--max-force") };
            double factor = parse.GetValue(minDistance);
            var geometry = double.IsFinite(factor) && factor >= 0
                ? new GeometryGate { CovalentFactor = factor }
                : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--min-distance-factor must be ≥ 0; found {factor}."));
            var slurm = SlurmOptionsOf(parse.GetValue(slurmRoot), parse.GetValue(slurmPartition), parse.GetValue(slurmTime), parse.GetValue(slurmPoll));
            string oracleName = parse.GetValue(oracle)!;
            if (slurm is not null && oracleName is "doublewell1d" or "doublewell2d" or "mullerbrown")
            {
                throw new ArgumentException($"--slurm-work-root runs a program (xtb) as batch jobs; the analytic surface '{oracleName}' runs in process.");
            }

            var xtbOptions = new XtbOptions
            {
                Method = parse.GetValue(method) switch { "gfn1" => XtbMethod.Gfn1, "gfnff" => XtbMethod.GfnFF, _ => XtbMethod.Gfn2 },
                Charge = parse.GetValue(charge),
                UnpairedElectrons = parse.GetValue(uhf),
                Solvent = parse.GetValue(solvent),
                Threads = parse.GetValue(threads),
                Accuracy = parse.GetValue(accuracy),
                MaxIterations = parse.GetValue(maxIterations),
                Executable = parse.GetValue(executable)!,
                Timeout = TimeSpan.FromSeconds(seconds),
                ResultGate = gate,
                ScratchRoot = parse.GetValue(scratch)?.FullName,
            };
            IOracle chosen = oracleName switch
            {
                "doublewell1d" => new DoubleWell1D(),
                "doublewell2d" => new DoubleWell2D(),
                "mullerbrown" => new MullerBrown(),
                _ => new XtbOracle(slurm is null ? xtbOptions : xtbOptions.WithSlurm(slurm, CliLoggerFactory.StandardError().CreateLogger("slurm"))),
            };

            if (await chosen.CheckSetupAsync(cancellationToken).ConfigureAwait(false) is { } problem)
            {
                throw new InvalidOperationException($"the oracle cannot run: {problem.Message}");
            }

            string source = parse.GetValue(input)!.FullName;
            string target = parse.GetValue(output)!.FullName;
            var frames = ExtendedXyzReader.ReadFrames(source).ToList();
            var outcomes = await LabelAllAsync(chosen, frames, geometry, gate, parallel, cancellationToken).ConfigureAwait(false);
            return Report(chosen, frames, outcomes, target);
        }));
        return command;
    }

    /// <summary>The SLURM options of the --slurm-* flags, or null without --slurm-work-root.</summary>
    /// <exception cref="ArgumentException">A --slurm-* value out of range, or one given without --slurm-work-root.</exception>
    private static SlurmOptions? SlurmOptionsOf(DirectoryInfo? root, string? partition, double? minutes, double? poll)
    {
        if (root is null)
        {
            return partition is null && minutes is null && poll is null
                ? null
                : throw new ArgumentException("--slurm-partition, --slurm-time-limit-min and --slurm-poll-s need --slurm-work-root.");
        }

        if (minutes is double m && !(m >= 1 && m < 1e7))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--slurm-time-limit-min must be at least 1 minute (SLURM's resolution); found {m}."));
        }

        if (poll is double p && !(p >= 0.01 && p < 1e6))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--slurm-poll-s must be at least 0.01 s; found {p}."));
        }

        var defaults = new SlurmOptions();
        return defaults with
        {
            WorkRoot = root.FullName,
            Partition = partition,
            TimeLimit = minutes is double tm ? TimeSpan.FromMinutes(tm) : null,
            PollInterval = poll is double ps ? TimeSpan.FromSeconds(ps) : defaults.PollInterval,
        };
    }

    private static async Task<OracleOutcome[]> LabelAllAsync(IOracle oracle, List<ExtendedXyzFrame> frames, GeometryGate geometry, PhysicsGate physics, int concurrency, CancellationToken cancellationToken)
    {
        var outcomes = new OracleOutcome[frames.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, frames.Count), options, async (i, token) =>
        {
            var structure = frames[i].Structure;
            if (geometry.Check(structure) is { } rejected)
            {
                outcomes[i] = OracleOutcome.Failed(rejected);
                return;
            }

            var outcome = await oracle.LabelAsync(structure, token).ConfigureAwait(false);
            outcomes[i] = outcome.IsSuccess && physics.Check(outcome.Sample) is { } unphysical ? OracleOutcome.Failed(unphysical) : outcome;
        }).ConfigureAwait(false);

        // A call cut short by Ctrl+C reports Cancelled instead of throwing: stop here and write nothing.
        cancellationToken.ThrowIfCancellationRequested();
        return outcomes;
    }

    private static int Report(IOracle oracle, List<ExtendedXyzFrame> frames, OracleOutcome[] outcomes, string target)
    {
        var labelled = new List<ExtendedXyzFrame>();
        for (int i = 0; i < frames.Count; i++)
        {
            if (outcomes[i].IsSuccess)
            {
                labelled.Add(WithLabels(frames[i], outcomes[i].Sample!));
            }
            else
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frame {i}: {outcomes[i].Failure!.Kind}: {CliErrors.OneLine(outcomes[i].Failure!.Message)}"));
            }
        }

        ExtendedXyzWriter.WriteFrames(target, labelled);
        int failed = frames.Count - labelled.Count;
        string kinds = failed == 0
            ? string.Empty
            : " (" + string.Join(", ", outcomes.Where(o => !o.IsSuccess).GroupBy(o => o.Failure!.Kind).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"))) + ")";
        var identity = oracle.Identity;
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"labelled {labelled.Count} of {frames.Count} frames with {identity.Name} {identity.Version}; {failed} failed{kinds}; wrote {target}"));
        if (frames.Count > 0 && labelled.Count == 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: no frame could be labelled ({failed} failed)."));
            return CliErrors.NothingLabelled;
        }

        return 0;
    }

    /// <summary>The input frame with the new labels: its info keys kept (stale stress/virial/free energy removed), energy, oracle metadata and forces set.</summary>
    private static ExtendedXyzFrame WithLabels(ExtendedXyzFrame frame, LabelledSample sample)
    {
        var info = frame.Info.RemoveRange(StaleLabelKeys).SetItem(ExtendedXyzFrame.EnergyKey, sample.Energy);
        foreach (var (key, value) in sample.Metadata)
        {
            info = info.SetItem(key, value);
        }

        var arrays = frame.Arrays.SetItem(ExtendedXyzFrame.ForcesKey, PerAtomProperty.FromReals(3, sample.Forces));
        return new ExtendedXyzFrame(frame.Structure, info, arrays);
    }

    private static double Positive(double value, string name)
        => value > 0 ? value : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be positive; found {value}."));
}
