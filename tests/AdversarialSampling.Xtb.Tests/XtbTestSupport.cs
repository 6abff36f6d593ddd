using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Xtb.Tests;

/// <summary>Test molecules and an independent way to run xtb directly and read its results.</summary>
internal static class XtbTestSupport
{
    /// <summary>
    /// The xtb executable's full path. The xtb tests fail (they do not skip) without it: CI installs it
    /// (tests/run-tests.sh, Debian package xtb).
    /// </summary>
    public static string RequireXtb()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, "xtb");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("The xtb executable is not on PATH. Install it (Debian/Ubuntu: apt-get install xtb; tests/run-tests.sh does this when run as root) — these integration tests need the real program.");
        return null!;
    }

    /// <summary>Ammonia, pyramidal and slightly distorted so that every force component is non-zero (Å).</summary>
    public static AtomicStructure Ammonia() => AtomicStructure.FromSymbols(
        ["N", "H", "H", "H"],
        [0.02, -0.01, 0.12, 0.95, 0.03, -0.24, -0.46, 0.83, -0.27, -0.49, -0.80, -0.22]);

    /// <summary>Ammonia with one N–H distance of 0.1 Å (xtb exits 0 with about +21.8 Hartree).</summary>
    public static AtomicStructure AmmoniaWithShortBond() => AtomicStructure.FromSymbols(
        ["N", "H", "H", "H"], [0, 0, 0, 0.1, 0, 0, -0.47, 0.814, -0.25, -0.47, -0.814, -0.25]);

    /// <summary>
    /// Alanine dipeptide (Ace-Ala-NMe, C6H12N2O2, 22 atoms) near its GFN2-xTB minimum, every coordinate displaced by
    /// a seeded uniform amount in ±0.05 Å so that forces are not negligible.
    /// </summary>
    public static AtomicStructure AlanineDipeptide()
    {
        // GFN2-xTB optimised geometry (Å), from a z-matrix built with standard peptide bond lengths and angles.
        (string Symbol, double X, double Y, double Z)[] atoms =
        [
            ("C", -0.12507, -0.36225, -0.05637), ("C", 1.36981, -0.20201, -0.20948), ("O", 1.91190, 0.86885, -0.42179),
            ("N", 2.06543, -1.35019, -0.08931), ("H", 1.57943, -2.23035, -0.02159), ("C", 3.51540, -1.41018, -0.19155),
            ("C", 3.92444, -1.43264, -1.68254), ("O", 4.31266, -2.43710, -2.24279), ("N", 3.78975, -0.23290, -2.26942),
            ("H", 3.35891, 0.52009, -1.74248), ("C", 4.04938, -0.02390, -3.67283), ("C", 4.03978, -2.63876, 0.53253),
            ("H", 3.90486, -0.49055, 0.26088), ("H", -0.58527, 0.61923, 0.01047), ("H", -0.52571, -0.88088, -0.92582),
            ("H", -0.36194, -0.93816, 0.83504), ("H", 3.72868, -3.53746, 0.00471), ("H", 5.12559, -2.61819, 0.54578),
            ("H", 3.67235, -2.66716, 1.55558), ("H", 4.47908, -0.94159, -4.07254), ("H", 3.12687, 0.20769, -4.21020),
            ("H", 4.75438, 0.79786, -3.80638),
        ];
        var rng = new Random(11);
        var positions = atoms.SelectMany(a => new[] { a.X, a.Y, a.Z }).Select(x => x + (0.1 * (rng.NextDouble() - 0.5))).ToArray();
        return AtomicStructure.FromSymbols([.. atoms.Select(a => a.Symbol)], positions);
    }

    /// <summary>A cubic-grid cluster of water molecules, 3 Å apart (a GFN2 calculation that takes many seconds).</summary>
    public static AtomicStructure WaterCluster(int perSide)
    {
        var symbols = new List<string>();
        var positions = new List<double>();
        for (int i = 0; i < perSide; i++)
        {
            for (int j = 0; j < perSide; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    double x = 3.0 * i, y = 3.0 * j, z = 3.0 * k;
                    symbols.AddRange(["O", "H", "H"]);
                    positions.AddRange([x, y, z, x + 0.96, y, z, x - 0.24, y + 0.93, z]);
                }
            }
        }

        return AtomicStructure.FromSymbols(symbols, positions);
    }

    /// <summary>
    /// Runs <c>xtb mol.xyz --grad --norestart ARGS</c> directly in a fresh directory (OMP_NUM_THREADS=1) and reads
    /// mol.engrad by position (atom count, energy, 3N gradient values): energy in eV, forces in eV/Å.
    /// </summary>
    public static (double Energy, double[] Forces) RunDirectly(AtomicStructure structure, params string[] arguments)
    {
        string xtb = RequireXtb();
        string dir = Path.Combine(Path.GetTempPath(), "as-xtb-direct-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var xyz = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{structure.AtomCount}\ndirect\n");
            for (int a = 0; a < structure.AtomCount; a++)
            {
                var (x, y, z) = structure.Position(a);
                xyz.Append(CultureInfo.InvariantCulture, $"{Elements.Symbol(structure.AtomicNumbers[a])} {x:R} {y:R} {z:R}\n");
            }

            File.WriteAllText(Path.Combine(dir, "mol.xyz"), xyz.ToString());
            var start = new ProcessStartInfo(xtb) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in new[] { "mol.xyz", "--grad", "--norestart" }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["OMP_NUM_THREADS"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"direct xtb run failed ({process.ExitCode}): {stdout.Result[^Math.Min(2000, stdout.Result.Length)..]} {stderr.Result}");
            var values = File.ReadAllLines(Path.Combine(dir, "mol.engrad"))
                .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
            Assert.Equal(structure.AtomCount, int.Parse(values[0], CultureInfo.InvariantCulture));
            double energy = double.Parse(values[1], CultureInfo.InvariantCulture) * 27.211386245988;
            var forces = new double[3 * structure.AtomCount];
            for (int i = 0; i < forces.Length; i++)
            {
                forces[i] = -double.Parse(values[2 + i], CultureInfo.InvariantCulture) * 27.211386245988 / 0.529177210903;
            }

            return (energy, forces);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Full paths of the working directories of running processes that lie under <paramref name="root"/>.</summary>
    public static List<string> ProcessesWorkingUnder(string root)
    {
        var found = new List<string>();
        foreach (string proc in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out _))
            {
                continue;
            }

            try
            {
                string? cwd = new DirectoryInfo(Path.Combine(proc, "cwd")).LinkTarget;
                string stat = File.ReadAllText(Path.Combine(proc, "stat"));
                bool zombie = stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (!zombie && cwd is not null && cwd.StartsWith(root, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(proc)}: {cwd}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile, or is not ours to inspect.
            }
        }

        return found;
    }
}
