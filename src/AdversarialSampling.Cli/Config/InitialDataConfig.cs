using AdversarialSampling.IO;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// The <c>initialData</c> section: either <c>{"path": "FILE.extxyz"}</c> (labelled extended XYZ, relative to the
/// configuration file) or a toy surface's built-in left-basin set, <c>{"surface": "doubleWell2D", "points": 800,
/// "maxEnergy": -2, "seed": 0}</c> or <c>{"surface": "doubleWell1D", "points": 500, "maxEnergy": -5.5}</c>.
/// </summary>
internal sealed record InitialDataConfig
{
    private static readonly KeyValuePair<string, bool>[] Surfaces = [new("doubleWell2D", true), new("doubleWell1D", false)];

    /// <summary>The extended XYZ file as written in the configuration (null for a surface).</summary>
    public string? Path { get; init; }

    /// <summary>True: the 2D double well's set; false: the 1D double well's (only when <see cref="Path"/> is null).</summary>
    public bool DoubleWell2D { get; init; }

    /// <summary>Points drawn (2D) or grid points (1D); null = the surface's default.</summary>
    public int? Points { get; init; }

    /// <summary>Energy below which points are kept (eV); null = the surface's default.</summary>
    public double? MaxEnergy { get; init; }

    /// <summary>Seed of the 2D draw; default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Reads the section.</summary>
    /// <param name="o">The section.</param>
    /// <returns>The configuration, or null (problems recorded).</returns>
    public static InitialDataConfig? Read(ConfigObject o)
    {
        bool hasPath = o.Has("path");
        bool hasSurface = o.Has("surface");
        if (hasPath == hasSurface)
        {
            o.Problems.Add(o.Path, "give either \"path\" (an extended XYZ file) or \"surface\" (doubleWell2D, doubleWell1D).");
            o.Finish();
            return null;
        }

        if (hasPath)
        {
            string? path = o.String("path");
            o.Finish();
            return path is null ? null : new InitialDataConfig { Path = path };
        }

        bool? twoD = o.Choice("surface", Surfaces);
        var config = new InitialDataConfig
        {
            DoubleWell2D = twoD ?? true,
            Points = o.Int("points"),
            MaxEnergy = o.Number("maxEnergy"),
            Seed = twoD == true ? o.Int("seed") ?? 0 : 0,
        };
        o.Finish();
        return twoD is null ? null : config;
    }

    /// <summary>Loads or generates the data.</summary>
    /// <param name="baseDirectory">The directory a relative <see cref="Path"/> is resolved against.</param>
    /// <returns>The labelled data.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ExtendedXyzFormatException">The file is malformed.</exception>
    /// <exception cref="ArgumentException">A frame has no energy, or invalid generator parameters.</exception>
    public Dataset Load(string baseDirectory)
    {
        if (Path is not null)
        {
            return ReadLabelled(ResolvePath(baseDirectory));
        }

        return DoubleWell2D
            ? Potentials.DoubleWell2D.InitialTrainingSet(Points ?? 800, MaxEnergy ?? -2, Seed)
            : DoubleWell1D.InitialTrainingSet(Points ?? DoubleWell1D.TrainingGridPoints, DoubleWell1D.TrainingRange, MaxEnergy ?? DoubleWell1D.TrainingMaxEnergy);
    }

    /// <summary>The data file's full path (only when <see cref="Path"/> is set).</summary>
    /// <param name="baseDirectory">The directory a relative path is resolved against.</param>
    /// <returns>The full path.</returns>
    public string ResolvePath(string baseDirectory) => System.IO.Path.GetFullPath(Path!, baseDirectory);

    /// <summary>Reads labelled extended XYZ data (every frame needs an energy).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The data.</returns>
    public static Dataset ReadLabelled(string path)
    {
        var samples = new List<LabelledSample>();
        int index = 0;
        foreach (var frame in ExtendedXyzReader.ReadFrames(path))
        {
            samples.Add(frame.TryToLabelledSample(out var sample)
                ? sample
                : throw new ArgumentException(FormattableString.Invariant($"{path}: frame {index} has no 'energy'; the initial data must be labelled (energy in eV, forces in eV/Å).")));
            index++;
        }

        return new Dataset(samples);
    }
}
