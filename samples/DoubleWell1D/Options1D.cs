using AdversarialSampling.Samples.Shared;

namespace AdversarialSampling.Samples.OneDimension;

/// <summary>The command line of the 1D sample (see <see cref="Usage"/>).</summary>
public sealed record Options1D
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        DoubleWell1D: adversarial sampling against random and uniform sampling on E(x) = 5x⁴ − 10x² + 1.5x (eV, Å).
        Usage: dotnet run -c Release --project samples/DoubleWell1D -- [options]
          --loops N          independent loops per method, paired by seed (default 1)
          --generations N    adversarial generations after generation 0 (default 5)
          --labels N         labels per generation (selection cap; default 10)
          --methods A,B      subset of: adversarial, adversarialWideWindow, adversarialPaper, randomDisplacement, uniform
                             (default all)
          --out DIR          where results.json, the plots and runs/<method>/loop-NN go (default out/doublewell1d)
          --width N          committee hidden width (default 64; 4 linear layers 1→W→W→W→1, 5 members)
          --first-seed N     seed of loop 0; loop i uses first-seed + i (default 0)
          --threads N        torch intra-op threads (default 1)
          --random-selection S  randomDisplacement's selection: threshold (default: the adversarial methods' selection,
                             80th-percentile uncertainty threshold included, as the paper's code filters its random
                             attacker) or unfiltered (no uncertainty threshold, the runs before 28 Nov 2026; needs its own --out)
          --measure-attack-scale  train generation-0 committees for seeds first-seed … first-seed + loops − 1, run the
                             Paper attack from every training point and print its mean |Δx| (the scale the random
                             baseline's half-width is matched to); runs no loop
          --smoke            CI-sized run: 1 loop, 2 generations, 5 labels, a tiny committee, few epochs
        """;

    /// <summary>Loops per method (default 1).</summary>
    public int Loops { get; init; } = 1;

    /// <summary>Generations after generation 0 (default 5).</summary>
    public int Generations { get; init; } = 5;

    /// <summary>Labels per generation (default 10).</summary>
    public int Labels { get; init; } = 10;

    /// <summary>Methods to run (default all, in report order).</summary>
    public IReadOnlyList<string> Methods { get; init; } = Methods1D.All;

    /// <summary>Output directory (default out/doublewell1d).</summary>
    public string Out { get; init; } = Path.Combine("out", "doublewell1d");

    /// <summary>Committee hidden width (default 64).</summary>
    public int Width { get; init; } = 64;

    /// <summary>Committee linear layers (4; 3 in smoke mode).</summary>
    public int Depth { get; init; } = 4;

    /// <summary>Most epochs per training (default 200; 30 in smoke mode).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Early-stopping patience in epochs (default 30; 10 in smoke mode).</summary>
    public int Patience { get; init; } = 30;

    /// <summary>Seed of loop 0 (default 0).</summary>
    public int FirstSeed { get; init; }

    /// <summary>Torch threads (default 1).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Selection of the <c>randomDisplacement</c> candidates: true (default) = the adversarial methods' selection, with the
    /// uncertainty threshold, as the paper code's loop filters its random attacker; false = no uncertainty threshold (the
    /// runs before 28 Nov 2026).
    /// </summary>
    public bool FilteredRandom { get; init; } = true;

    /// <summary>Only measure the Paper attack's displacement scale.</summary>
    public bool MeasureAttackScale { get; init; }

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
    public static Options1D? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = new Options1D();
        if (args.Contains("--smoke"))
        {
            o = o with { Smoke = true, Loops = 1, Generations = 2, Labels = 5, Width = 16, Depth = 3, Epochs = 30, Patience = 10, Out = Path.Combine("out", "doublewell1d-smoke") };
        }

        var reader = new ArgumentReader(args);
        while (reader.MoveNext())
        {
            string name = reader.Name;
            Options1D? next = name switch
            {
                "--help" or "-h" => null,
                "--smoke" => o,
                "--loops" => o with { Loops = reader.Int(1) },
                "--generations" => o with { Generations = reader.Int(1) },
                "--labels" => o with { Labels = reader.Int(1) },
                "--methods" => o with { Methods = reader.Subset(Methods1D.All) },
                "--out" => o with { Out = reader.Value() },
                "--width" => o with { Width = reader.Int(1) },
                "--first-seed" => o with { FirstSeed = reader.Int(0) },
                "--threads" => o with { Threads = reader.Int(1) },
                "--measure-attack-scale" => o with { MeasureAttackScale = true },
                "--random-selection" => o with { FilteredRandom = reader.Choice(("threshold", true), ("unfiltered", false)) },
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
