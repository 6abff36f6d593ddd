using System.Globalization;
using AdversarialSampling.Oracles;

namespace AdversarialSampling.Xtb;

/// <summary>
/// Options of an <see cref="XtbOracle"/>. The method, charge, unpaired electrons, solvent, accuracy and electronic
/// temperature change results and enter the oracle identity; the executable, threads, iteration limit, time limit and
/// scratch settings (inherited from <see cref="ProcessOracleOptions"/>) do not. Immutable; validated when the oracle
/// is created.
/// </summary>
public sealed record XtbOptions : ProcessOracleOptions
{
    /// <summary>Default <see cref="Timeout"/> of an xtb call (10 min).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Default <see cref="MaxEnergyPerAtom"/>: 0.5 Hartree ≈ 13.6 eV per atom.</summary>
    public const double DefaultMaxEnergyPerAtom = 0.5 * Units.Hartree;

    /// <summary>Creates options with the defaults (GFN2-xTB, neutral, closed shell, gas phase, 1 thread, 10 min limit).</summary>
    public XtbOptions()
    {
        Timeout = DefaultTimeout;
    }

    /// <summary>The method; default <see cref="XtbMethod.Gfn2"/>.</summary>
    public XtbMethod Method { get; init; } = XtbMethod.Gfn2;

    /// <summary>Total molecular charge in elementary charges (<c>--chrg</c>); default 0.</summary>
    public int Charge { get; init; }

    /// <summary>Number of unpaired electrons, N_α − N_β (<c>--uhf</c>, ≥ 0); default 0 (closed shell).</summary>
    public int UnpairedElectrons { get; init; }

    /// <summary>
    /// Implicit solvent for the ALPB model (<c>--alpb NAME</c>, e.g. "water", "methanol", "thf"; the names xtb 6.5
    /// knows), or null (default) for the gas phase. An unknown name is a setup error reported by
    /// <see cref="ProcessOracle.CheckSetupAsync"/>.
    /// </summary>
    public string? Solvent { get; init; }

    /// <summary>
    /// OpenMP threads of each xtb process (<c>OMP_NUM_THREADS</c>, also <c>OPENBLAS_NUM_THREADS</c> and
    /// <c>MKL_NUM_THREADS</c>; ≥ 1); default 1. Run several calls at once rather than one call on many threads for
    /// small molecules. With more threads and large molecules set <c>OMP_STACKSIZE</c> (e.g. "1G") through
    /// <see cref="ProcessOracleOptions.Environment"/>.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>The xtb program: a name looked up on PATH or a path; default "xtb".</summary>
    public string Executable { get; init; } = "xtb";

    /// <summary>
    /// SCC accuracy (<c>--acc</c>, 1e-4 … 1000; lower is tighter); default 1 (xtb's default, energies converged to
    /// about 1e-6 Hartree). Use 0.01 or lower when forces are compared with finite differences.
    /// </summary>
    public double Accuracy { get; init; } = 1.0;

    /// <summary>Electronic temperature of the Fermi smearing (<c>--etemp</c>, K, &gt; 0); default 300 K (xtb's default).</summary>
    public double ElectronicTemperature { get; init; } = 300;

    /// <summary>Maximum SCC iterations (<c>--iterations</c>, ≥ 1), or null (default) for xtb's own limit (250).</summary>
    public int? MaxIterations { get; init; }

    /// <summary>
    /// Largest accepted energy per atom (eV/atom, &gt; 0; +∞ disables); default 0.5 Hartree ≈ 13.6 eV. Sound xtb
    /// energies are negative (tens of eV below zero per heavy atom); xtb returns, with exit code 0, +21.8 Hartree
    /// (148 eV/atom) for ammonia with an N–H distance of 0.1 Å. A result above the bound is an
    /// <see cref="OracleFailureKind.UnphysicalResult"/>; the force bound of <see cref="ProcessOracleOptions.ResultGate"/> applies too.
    /// </summary>
    public double MaxEnergyPerAtom { get; init; } = DefaultMaxEnergyPerAtom;

    /// <inheritdoc />
    protected override void AddProblems(List<string> problems)
    {
        base.AddProblems(problems);
        if (!Enum.IsDefined(Method))
        {
            problems.Add($"Method {Method} is not a known xtb method.");
        }

        if (UnpairedElectrons < 0)
        {
            problems.Add(Invariant($"UnpairedElectrons must be ≥ 0 (found {UnpairedElectrons})."));
        }

        if (Solvent is not null && (Solvent.Length == 0 || !Solvent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ',' or '.')))
        {
            problems.Add($"Solvent must be null (gas phase) or an ALPB solvent name such as 'water' (found '{Solvent}').");
        }

        if (Threads < 1)
        {
            problems.Add(Invariant($"Threads must be ≥ 1 (found {Threads})."));
        }

        if (string.IsNullOrWhiteSpace(Executable))
        {
            problems.Add("Executable must name the xtb program (default 'xtb').");
        }

        if (!(Accuracy >= 1e-4 && Accuracy <= 1000))
        {
            problems.Add(Invariant($"Accuracy must be in 1e-4 … 1000 (found {Accuracy})."));
        }

        if (!(double.IsFinite(ElectronicTemperature) && ElectronicTemperature > 0))
        {
            problems.Add(Invariant($"ElectronicTemperature must be finite and > 0 K (found {ElectronicTemperature})."));
        }

        if (MaxIterations is < 1)
        {
            problems.Add(Invariant($"MaxIterations must be ≥ 1 or null (found {MaxIterations})."));
        }

        if (!(MaxEnergyPerAtom > 0))
        {
            problems.Add(Invariant($"MaxEnergyPerAtom must be > 0 eV/atom (+∞ disables the bound; found {MaxEnergyPerAtom})."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
