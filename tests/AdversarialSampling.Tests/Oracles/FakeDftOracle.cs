#region HowTo
using System.Globalization;
using AdversarialSampling;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

/// <summary>Labels structures with the fake-dft program: one scratch directory, one run, one parse per call.</summary>
public sealed class FakeDftOracle(string program, ProcessOracleOptions options) : ProcessOracle(options)
{
    public override string Name => "fake-dft";

    protected override string Program => program;                       // a name on PATH or a path

    protected override IReadOnlyList<string>? VersionArguments => ["--version"];   // "fake-dft version 1.2.3" → "1.2.3"

    // Settings that change results enter the oracle-call key (never paths, threads or time limits).
    protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings() => [new("method", "harmonic")];

    protected override IReadOnlyList<string> GetArguments(AtomicStructure structure) => ["input.xyz"];

    protected override void WriteInputs(string directory, AtomicStructure structure)
        => WriteXyzFile(Path.Combine(directory, "input.xyz"), structure);

    // Hartree and Hartree/Bohr → eV and eV/Å; forces = −gradient.
    protected override PotentialResult ParseOutputs(string directory, AtomicStructure structure)
    {
        string[] lines = File.ReadAllLines(Path.Combine(directory, "result.out"));
        double energy = double.Parse(lines[0], CultureInfo.InvariantCulture) * Units.Hartree;
        var forces = new double[3 * structure.AtomCount];
        for (int a = 0; a < structure.AtomCount; a++)
        {
            string[] gradient = lines[1 + a].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int k = 0; k < 3; k++)
            {
                forces[(3 * a) + k] = -double.Parse(gradient[k], CultureInfo.InvariantCulture) * Units.Hartree / Units.Bohr;
            }
        }

        return new PotentialResult(energy, forces);
    }

    // A non-zero exit is a crash unless the output says why.
    protected override OracleFailureKind? ClassifyFailure(int exitCode, string outputTail)
        => exitCode != 0 && outputTail.Contains("SCF NOT CONVERGED", StringComparison.Ordinal)
            ? OracleFailureKind.NonConvergence
            : base.ClassifyFailure(exitCode, outputTail);
}
#endregion
