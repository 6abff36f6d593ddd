using System.Globalization;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Slurm.TestHost;

/// <summary>
/// A <see cref="ProcessOracle"/> over <c>fake-qc</c>, a bash program (written by <see cref="WriteProgram"/>) that
/// appends the name of its working directory (the call's key under SLURM) to <c>$FAKE_QC_COUNT</c>, sleeps
/// <c>$FAKE_QC_SLEEP</c> seconds and writes <c>result.txt</c>: a harmonic energy E = ½k Σ|r|² (eV) and forces −k r.
/// A first atom of helium makes it exit 3 with an error message; of neon, write garbage ("energy banana").
/// </summary>
public sealed class FakeQcOracle : ProcessOracle
{
    public const string InputFileName = "input.txt";
    public const string ResultFileName = "result.txt";
    public const double K = 0.25;

    private readonly string _program;

    public FakeQcOracle(string program, ProcessOracleOptions options)
        : base(options)
        => _program = program;

    public override string Name => "fake-qc";

    /// <summary>The launcher of the options (null: local runs).</summary>
    public IProcessLauncher? Launcher => BaseOptions.Launcher;

    protected override string Program => _program;

    /// <summary>Writes the program into a directory (executable) and returns its path.</summary>
    public static string WriteProgram(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "fake-qc");
        string content = """
            #!/bin/bash
            # fake-qc INPUT: harmonic energy and forces of the atoms in INPUT ("Z x y z" per line).
            [ -n "${FAKE_QC_COUNT:-}" ] && echo "$(basename "$PWD")" >> "$FAKE_QC_COUNT"
            sleep "${FAKE_QC_SLEEP:-0}"
            first=$(awk 'NR==1 {print $1}' "$1")
            if [ "$first" = 2 ]; then echo "fake-qc: error: helium is not supported"; exit 3; fi
            if [ "$first" = 10 ]; then echo "energy banana" > result.txt; echo "fake-qc: done"; exit 0; fi
            awk -v k=0.25 '{ e += 0.5 * k * ($2*$2 + $3*$3 + $4*$4); f = f sprintf(" %.17g %.17g %.17g", -k*$2, -k*$3, -k*$4) }
              END { printf "energy %.17g\nforces%s\n", e, f }' "$1" > result.txt
            echo "fake-qc: done"
            """.ReplaceLineEndings("\n");

        // Jobs of a killed driver may still be running this script when a resumed driver writes it again. Bash reads a
        // script as it goes, so rewriting the file in place could let such a job read a truncated script and end early
        // with exit code 0 and no result.txt (seen once in CI). The same content is left alone, and new content replaces
        // the file by a rename, so a running job keeps reading the file it started.
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return path;
        }

        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings() => [new("k", K.ToString("R", CultureInfo.InvariantCulture))];

    protected override IReadOnlyList<string> GetArguments(AtomicStructure structure) => [InputFileName];

    protected override void WriteInputs(string directory, AtomicStructure structure)
    {
        var lines = Enumerable.Range(0, structure.AtomCount).Select(a =>
        {
            var (x, y, z) = structure.Position(a);
            return string.Create(CultureInfo.InvariantCulture, $"{structure.AtomicNumbers[a]} {x:R} {y:R} {z:R}");
        });
        File.WriteAllText(Path.Combine(directory, InputFileName), string.Join('\n', lines) + "\n");
    }

    protected override PotentialResult ParseOutputs(string directory, AtomicStructure structure)
    {
        var lines = File.ReadAllLines(Path.Combine(directory, ResultFileName));
        double energy = double.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        double[] forces = [.. lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        return new PotentialResult(energy, forces);
    }

    /// <summary>The exact labels (eV, eV/Å) fake-qc computes, for comparisons.</summary>
    public static (double Energy, double[] Forces) Expected(AtomicStructure structure)
        => (0.5 * K * structure.Positions.Sum(p => p * p), [.. structure.Positions.Select(p => -K * p)]);

    /// <summary>N distinct small molecules (C, H, H), about 1 Å apart, a deterministic family.</summary>
    public static IReadOnlyList<AtomicStructure> Molecules(int n)
        => [.. Enumerable.Range(0, n).Select(i => new AtomicStructure([6, 1, 1], [0, 0, 0.01 * i, 1.09 + 0.01 * i, 0, 0, -0.36, 1.03, 0.02 * i]))];
}
