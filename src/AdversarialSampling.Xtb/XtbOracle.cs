using System.Globalization;
using System.Text.RegularExpressions;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Xtb;

/// <summary>
/// An <see cref="IOracle"/> that labels molecules with the xtb program (tested with xtb 6.5.1, Debian package
/// <c>xtb</c>): per call a fresh scratch directory holding <c>mol.xyz</c> (Å), then
/// <c>xtb mol.xyz --grad --norestart --gfn 2 --chrg C --uhf U --acc A --etemp T [--iterations N] [--alpb SOLVENT]</c>
/// (<c>--gfnff</c> for GFN-FF) with <c>OMP_NUM_THREADS</c> set, and the energy (Hartree → eV) and gradient
/// (Hartree/Bohr → eV/Å; forces = −gradient) read from <c>mol.engrad</c>.
/// </summary>
/// <remarks>
/// <para>Failures (see <see cref="ProcessOracle.LabelAsync"/> for the common ones): SCC non-convergence is
/// <see cref="OracleFailureKind.NonConvergence"/>; xtb's refusal of atoms "very close" to each other (exit code 1) is
/// <see cref="OracleFailureKind.GeometryRejected"/> — it is a property of the geometry, found before any calculation,
/// like the geometry gate's own rejections (the labelling engine re-checks such keys instead of reusing the failure,
/// which costs one instant xtb refusal); an unknown solvent is <see cref="OracleFailureKind.SetupError"/>; any other
/// non-zero exit is a <see cref="OracleFailureKind.Crash"/>. xtb exits with 0 and garbage for atoms too close but not
/// refused (ammonia with N–H = 0.1 Å gives +21.8 Hartree and forces near 9000 eV/Å): such results fail the force bound
/// of <see cref="ProcessOracleOptions.ResultGate"/> and <see cref="XtbOptions.MaxEnergyPerAtom"/> and are
/// <see cref="OracleFailureKind.UnphysicalResult"/>.</para>
/// <para>Setup errors found before running: a periodic structure (molecular XYZ input only), an element beyond radon
/// (Z &gt; 86), and for GFN1/GFN2 an electron count that does not fit the charge and unpaired electrons (parity).
/// A missing executable is reported by <see cref="ProcessOracle.CheckSetupAsync"/>, which also runs one tiny
/// calculation (H₂) with the configured method and solvent.</para>
/// <para>The version (from <c>xtb --version</c>, e.g. "6.5.1") is part of the identity and of every label's metadata
/// (<c>oracle</c> = "xtb", <c>oracle_version</c>). Identity settings: <c>method</c>, <c>charge</c>, <c>uhf</c>,
/// <c>solvent</c> and, for GFN1/GFN2, <c>accuracy</c> and <c>etemp</c>.</para>
/// </remarks>
public sealed partial class XtbOracle : ProcessOracle
{
    /// <summary>Name of the input file written into the scratch directory.</summary>
    public const string InputFileName = "mol.xyz";

    /// <summary>Name of the energy-and-gradient file xtb writes for <see cref="InputFileName"/>.</summary>
    public const string EngradFileName = "mol.engrad";

    /// <summary>Largest atomic number with xtb parameters (radon).</summary>
    public const int MaxAtomicNumber = 86;

    private static readonly TimeSpan SetupProbeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Creates the oracle; nothing runs until the first call or <see cref="ProcessOracle.CheckSetupAsync"/>.</summary>
    /// <param name="options">Options; default <c>new XtbOptions()</c> (GFN2-xTB, neutral closed shell, gas phase).</param>
    /// <exception cref="ArgumentException">Invalid options (all problems named).</exception>
    public XtbOracle(XtbOptions? options = null)
        : base(options ?? new XtbOptions())
    {
        Options = (XtbOptions)BaseOptions;
    }

    /// <summary>The options.</summary>
    public XtbOptions Options { get; }

    /// <summary>"xtb".</summary>
    public override string Name => "xtb";

    /// <inheritdoc />
    protected override string Program => Options.Executable;

    /// <inheritdoc />
    protected override IReadOnlyList<string>? VersionArguments => ["--version"];

    private bool IsTightBinding => Options.Method != XtbMethod.GfnFF;

    /// <summary>The method's name in identities and on the command line: "gfn2", "gfn1" or "gfnff".</summary>
    /// <param name="method">The method.</param>
    /// <returns>The name.</returns>
    public static string MethodName(XtbMethod method) => method switch
    {
        XtbMethod.Gfn2 => "gfn2",
        XtbMethod.Gfn1 => "gfn1",
        XtbMethod.GfnFF => "gfnff",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown xtb method."),
    };

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> IdentitySettings()
    {
        yield return new("method", MethodName(Options.Method));
        yield return new("charge", Invariant(Options.Charge));
        yield return new("uhf", Invariant(Options.UnpairedElectrons));
        yield return new("solvent", Options.Solvent is null ? "none" : "alpb:" + Options.Solvent.ToLowerInvariant());
        if (IsTightBinding)
        {
            yield return new("accuracy", Options.Accuracy.ToString("R", CultureInfo.InvariantCulture));
            yield return new("etemp", Options.ElectronicTemperature.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> GetArguments(AtomicStructure structure)
    {
        var arguments = new List<string> { InputFileName, "--grad", "--norestart" };
        arguments.AddRange(Options.Method switch
        {
            XtbMethod.Gfn1 => ["--gfn", "1"],
            XtbMethod.GfnFF => ["--gfnff"],
            _ => ["--gfn", "2"],
        });
        arguments.AddRange(["--chrg", Invariant(Options.Charge), "--uhf", Invariant(Options.UnpairedElectrons)]);
        if (IsTightBinding)
        {
            arguments.AddRange([
                "--acc", Options.Accuracy.ToString("R", CultureInfo.InvariantCulture),
                "--etemp", Options.ElectronicTemperature.ToString("R", CultureInfo.InvariantCulture)]);
        }

        if (Options.MaxIterations is int iterations)
        {
            arguments.AddRange(["--iterations", Invariant(iterations)]);
        }

        if (Options.Solvent is { } solvent)
        {
            arguments.AddRange(["--alpb", solvent]);
        }

        return arguments;
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> GetEnvironment(AtomicStructure structure)
    {
        string threads = Invariant(Options.Threads);
        return [new("OMP_NUM_THREADS", threads), new("OPENBLAS_NUM_THREADS", threads), new("MKL_NUM_THREADS", threads)];
    }

    /// <inheritdoc />
    protected override OracleFailure? CheckInput(AtomicStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (structure.IsPeriodic)
        {
            return SetupError("periodic structures are not supported (the wrapper passes molecular XYZ input).");
        }

        int heavy = structure.AtomicNumbers.FirstOrDefault(z => z > MaxAtomicNumber);
        if (heavy != 0)
        {
            return SetupError($"xtb has no parameters for {Elements.Symbol(heavy)} (Z = {Invariant(heavy)} > {Invariant(MaxAtomicNumber)}).");
        }

        if (IsTightBinding)
        {
            long electrons = structure.AtomicNumbers.Sum(z => (long)z) - Options.Charge;
            if (electrons < Options.UnpairedElectrons || (electrons - Options.UnpairedElectrons) % 2 != 0)
            {
                return SetupError(Invariant($"{structure.Formula()} with charge {Options.Charge} has {electrons} electrons, which cannot have {Options.UnpairedElectrons} unpaired electrons (set UnpairedElectrons to match the parity)."));
            }
        }

        return null;
    }

    /// <inheritdoc />
    protected override void WriteInputs(string directory, AtomicStructure structure)
        => WriteXyzFile(Path.Combine(directory, InputFileName), structure, "written by AdversarialSampling.Xtb");

    /// <inheritdoc />
    protected override PotentialResult ParseOutputs(string directory, AtomicStructure structure)
        => XtbEngrad.Parse(File.ReadAllText(Path.Combine(directory, EngradFileName)), structure);

    /// <inheritdoc />
    protected override OracleFailureKind? ClassifyFailure(int exitCode, string outputTail)
    {
        ArgumentNullException.ThrowIfNull(outputTail);
        if (exitCode == 0)
        {
            return null;
        }

        if (outputTail.Contains("did not converge", StringComparison.OrdinalIgnoreCase))
        {
            return OracleFailureKind.NonConvergence;
        }

        if (outputTail.Contains("very short distance", StringComparison.OrdinalIgnoreCase) || outputTail.Contains("*very* close", StringComparison.OrdinalIgnoreCase))
        {
            return OracleFailureKind.GeometryRejected;
        }

        if (outputTail.Contains("not parametrized", StringComparison.OrdinalIgnoreCase) || outputTail.Contains("not parameterized", StringComparison.OrdinalIgnoreCase))
        {
            return OracleFailureKind.SetupError;
        }

        return OracleFailureKind.Crash;
    }

    /// <summary>xtb's innermost error message (the line <c>-1- …</c> of its error trace), or the base description.</summary>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="outputTail">The output tail.</param>
    /// <returns>The reason, or null.</returns>
    protected override string? DescribeFailure(int exitCode, string outputTail)
    {
        ArgumentNullException.ThrowIfNull(outputTail);
        var innermost = outputTail.Split('\n').Select(l => ErrorTraceLine().Match(l)).LastOrDefault(m => m.Success && m.Groups[1].Value == "1");
        return innermost is not null ? innermost.Groups[2].Value.Trim() : base.DescribeFailure(exitCode, outputTail);
    }

    /// <inheritdoc />
    protected override OracleFailure? CheckResult(LabelledSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (base.CheckResult(sample) is { } rejected)
        {
            return rejected;
        }

        double perAtom = sample.EnergyPerAtom;
        return perAtom > Options.MaxEnergyPerAtom
            ? new OracleFailure(
                OracleFailureKind.UnphysicalResult,
                string.Create(CultureInfo.InvariantCulture, $"energy {sample.Energy:G10} eV is {perAtom:G6} eV/atom, above the bound {Options.MaxEnergyPerAtom:G6} eV/atom (xtb returns such energies for atoms far too close)."))
            : null;
    }

    /// <summary>Extracts the version from <c>xtb --version</c> ("* xtb version 6.5.1 (…)" → "6.5.1").</summary>
    /// <param name="output">The probe's output.</param>
    /// <returns>The version, or null.</returns>
    protected override string? ParseVersion(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = VersionLine().Match(output);
        return match.Success ? match.Groups[1].Value : base.ParseVersion(output);
    }

    /// <summary>Runs one tiny calculation (H₂, neutral, closed shell) with the configured method, solvent and accuracy.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Null when it succeeds, otherwise the failure (reported as a setup error).</returns>
    protected override async Task<OracleFailure?> CheckSettingsAsync(CancellationToken cancellationToken)
    {
        var probe = new XtbOracle(Options with
        {
            Charge = 0,
            UnpairedElectrons = 0,
            MaxIterations = null,
            ResultGate = null,
            MaxEnergyPerAtom = double.PositiveInfinity,
            Timeout = Options.Timeout is { } t && t < SetupProbeTimeout ? t : SetupProbeTimeout,
            Launcher = null, // the probe runs locally: through a batch queue it could wait for hours
        });
        var outcome = await probe.LabelAsync(new AtomicStructure([1, 1], [0, 0, 0, 0, 0, 0.74]), cancellationToken).ConfigureAwait(false);
        return outcome.IsSuccess
            ? null
            : outcome.Failure with { Kind = OracleFailureKind.SetupError, Message = $"a test calculation of H2 with the configured method and solvent failed ({outcome.Failure.Kind}): {outcome.Failure.Message}" };
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private OracleFailure SetupError(string message) => new(OracleFailureKind.SetupError, $"{Name}: {message}");

    [GeneratedRegex(@"^\s*-(\d+)-\s+(.*)$")]
    private static partial Regex ErrorTraceLine();

    [GeneratedRegex(@"xtb version\s+(\S+)")]
    private static partial Regex VersionLine();
}
