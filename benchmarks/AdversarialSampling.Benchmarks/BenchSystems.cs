using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// Atomistic benchmark systems: NH3 frames of samples/data/ammonia-bp86 (BP86-D3 energies and forces) and a
/// 100-atom periodic Lennard-Jones-like argon crystal.
/// </summary>
internal static class BenchSystems
{
    private const string AmmoniaFile = "samples/data/ammonia-bp86/ammonia-bp86.extxyz";

    /// <summary>The 138 labelled NH3 frames (found by walking up from the app's folder to the repository root).</summary>
    public static Dataset Ammonia()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, AmmoniaFile);
            if (File.Exists(path))
            {
                return ExtendedXyzReader.ReadDataset(path);
            }
        }

        throw new FileNotFoundException($"{AmmoniaFile} not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The <paramref name="count"/> lowest-energy structures of a dataset (stable order for equal energies).</summary>
    public static List<AtomicStructure> LowestEnergy(Dataset data, int count) => [.. data.OrderBy(s => s.Energy).Take(count).Select(s => s.Structure)];

    /// <summary>100 NH3 molecules: the first 100 frames of the ammonia data (4 atoms each, no cell).</summary>
    public static List<AtomicStructure> Ammonia100() => [.. Ammonia().Take(100).Select(s => s.Structure)];

    /// <summary>
    /// 100 argon atoms in a periodic fcc crystal: the primitive cell (a = 5.26 Å, nearest neighbours 3.72 Å)
    /// repeated 5 × 5 × 4 (a triclinic cell, heights 15.2, 15.2 and 12.1 Å), every atom displaced by Gaussian
    /// noise of 0.05 Å per component (seeded). With a 5 Å cutoff each atom has its 12 nearest neighbours.
    /// </summary>
    public static AtomicStructure ArgonCrystal(int seed = 1)
    {
        const double a = 5.26;
        double[][] primitive = [[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]];
        int[] repeats = [5, 5, 4];
        var rng = new Random(seed);
        var positions = new List<double>();
        for (int i = 0; i < repeats[0]; i++)
        {
            for (int j = 0; j < repeats[1]; j++)
            {
                for (int k = 0; k < repeats[2]; k++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        positions.Add((i * primitive[0][c]) + (j * primitive[1][c]) + (k * primitive[2][c]) + (0.05 * Gaussian(rng)));
                    }
                }
            }
        }

        double[] cell = [.. Enumerable.Range(0, 3).SelectMany(v => primitive[v].Select(x => x * repeats[v]))];
        return new AtomicStructure([.. Enumerable.Repeat(18, positions.Count / 3)], positions, new UnitCell(cell));
    }

    /// <summary>
    /// A non-periodic cluster of nx × ny × nz water molecules on a cubic grid 3 Å apart (O–H 0.96 Å, H–O–H 104.5°):
    /// a molecule-like structure of any size for cost benchmarks.
    /// </summary>
    public static AtomicStructure WaterCluster(int nx, int ny, int nz)
    {
        var symbols = new List<string>();
        var positions = new List<double>();
        for (int i = 0; i < nx; i++)
        {
            for (int j = 0; j < ny; j++)
            {
                for (int k = 0; k < nz; k++)
                {
                    double x = 3.0 * i, y = 3.0 * j, z = 3.0 * k;
                    symbols.AddRange(["O", "H", "H"]);
                    positions.AddRange([x, y, z, x + 0.96, y, z, x - 0.24, y + 0.93, z]);
                }
            }
        }

        return AtomicStructure.FromSymbols(symbols, positions);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
