using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.TestSupport;

/// <summary>
/// Test-only GFN2-xTB potential: runs <c>xtb mol.xyz --grad --norestart</c> in a fresh temporary directory per call
/// and reads <c>mol.engrad</c> (hartree and hartree/bohr, converted to eV and eV/Å; forces are −gradient).
/// Finite molecules only. (The library's own xtb oracle lives in its own project.)
/// </summary>
internal sealed class XtbGradientPotential : IPotential
{
    public const string Program = "xtb";

    public string Name => "xtb (GFN2, test)";

    /// <summary>Number of xtb runs so far.</summary>
    public int Calls { get; private set; }

    public PotentialResult Compute(AtomicStructure structure, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var dir = Directory.CreateTempSubdirectory("as-xtb-");
        try
        {
            var xyz = new StringBuilder();
            xyz.Append(structure.AtomCount.ToString(CultureInfo.InvariantCulture)).Append("\n\n");
            for (int a = 0; a < structure.AtomCount; a++)
            {
                var (x, y, z) = structure.Position(a);
                xyz.Append(CultureInfo.InvariantCulture, $"{Elements.Symbol(structure.AtomicNumbers[a])} {x:R} {y:R} {z:R}\n");
            }

            File.WriteAllText(Path.Combine(dir.FullName, "mol.xyz"), xyz.ToString());
            var start = new ProcessStartInfo(Program)
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "mol.xyz", "--grad", "--norestart" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["OMP_NUM_THREADS"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("xtb did not start.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Calls++;
            string engrad = Path.Combine(dir.FullName, "mol.engrad");
            if (process.ExitCode != 0 || !File.Exists(engrad))
            {
                throw new InvalidOperationException($"xtb failed (exit {process.ExitCode}): {stderr.Result}\n{stdout[Math.Max(0, stdout.Length - 2000)..]}");
            }

            return Parse(File.ReadAllLines(engrad), structure.AtomCount);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static PotentialResult Parse(string[] lines, int atoms)
    {
        var numbers = lines
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal(atoms, (int)numbers[0]);
        double energy = numbers[1] * Units.Hartree;
        var forces = numbers.Skip(2).Take(3 * atoms).Select(g => -g * Units.Hartree / Units.Bohr).ToArray();
        return new PotentialResult(energy, forces);
    }
}
