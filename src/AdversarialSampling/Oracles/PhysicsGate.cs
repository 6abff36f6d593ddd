using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Oracles;

/// <summary>
/// The check an oracle result must pass before it is recorded as a label: finite energy and forces, no per-atom
/// force norm above <see cref="MaxForceNorm"/>, and — when <see cref="ReferenceEnergy"/> gives a reference for
/// the structure — <c>|E − E_ref| ≤ MaxEnergyDeviationPerAtom × N</c>. Results that fail are recorded as
/// <see cref="OracleFailureKind.UnphysicalResult"/> and never trained on. Immutable.
/// </summary>
/// <remarks>
/// The defaults are generous on purpose: they catch garbage (xtb returns +21.7 Eh with exit code 0 for an N–H
/// distance of 0.1 Å, about 180 eV/atom above the minimum; overlapping atoms give force norms of thousands of
/// eV/Å), not merely high-energy adversarial geometries, which are what the method wants.
/// </remarks>
public sealed class PhysicsGate
{
    /// <summary>Default <see cref="MaxForceNorm"/> (100 eV/Å).</summary>
    public const double DefaultMaxForceNorm = 100;

    /// <summary>Default <see cref="MaxEnergyDeviationPerAtom"/> (10 eV/atom).</summary>
    public const double DefaultMaxEnergyDeviationPerAtom = 10;

    private readonly double _maxForceNorm = DefaultMaxForceNorm;
    private readonly double _maxEnergyDeviationPerAtom = DefaultMaxEnergyDeviationPerAtom;

    /// <summary>Largest accepted per-atom force norm (eV/Å, &gt; 0; +∞ disables); default 100 eV/Å.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or NaN.</exception>
    public double MaxForceNorm
    {
        get => _maxForceNorm;
        init => _maxForceNorm = Positive(value, nameof(MaxForceNorm));
    }

    /// <summary>
    /// Largest accepted deviation from the reference energy, per atom (eV/atom, &gt; 0; +∞ disables); default 10 eV/atom.
    /// Applies only when <see cref="ReferenceEnergy"/> returns a value.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or NaN.</exception>
    public double MaxEnergyDeviationPerAtom
    {
        get => _maxEnergyDeviationPerAtom;
        init => _maxEnergyDeviationPerAtom = Positive(value, nameof(MaxEnergyDeviationPerAtom));
    }

    /// <summary>
    /// Reference total energy (eV) of a structure, or null when there is none (then the energy bound is not
    /// applied). Default null: no energy bound. See <see cref="MedianEnergyByFormula"/>.
    /// </summary>
    public Func<AtomicStructure, double?>? ReferenceEnergy { get; init; }

    /// <summary>
    /// A reference-energy function from labelled samples: the median total energy (eV) of the samples with the same
    /// formula as the structure, or null for a formula the samples do not contain.
    /// </summary>
    /// <param name="samples">Labelled samples, e.g. the initial training set.</param>
    /// <returns>The function (a snapshot: later changes to <paramref name="samples"/> are not seen).</returns>
    public static Func<AtomicStructure, double?> MedianEnergyByFormula(IEnumerable<LabelledSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var medians = samples
            .GroupBy(s => s.Structure.Formula(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Median([.. g.Select(s => s.Energy)]), StringComparer.Ordinal);
        return structure => medians.TryGetValue(structure.Formula(), out double e) ? e : null;
    }

    /// <summary>Checks an oracle result.</summary>
    /// <param name="sample">The labelled sample returned by the oracle.</param>
    /// <returns>Null if plausible, otherwise an <see cref="OracleFailureKind.UnphysicalResult"/> failure naming the value and bound.</returns>
    public OracleFailure? Check(LabelledSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!double.IsFinite(sample.Energy))
        {
            return Reject($"energy is not finite ({sample.Energy.ToString(CultureInfo.InvariantCulture)} eV)");
        }

        int n = sample.Structure.AtomCount;
        for (int a = 0; a < sample.Forces.Length / 3; a++)
        {
            double fx = sample.Forces[3 * a], fy = sample.Forces[3 * a + 1], fz = sample.Forces[3 * a + 2];
            double norm = Math.Sqrt(fx * fx + fy * fy + fz * fz);
            if (!double.IsFinite(norm))
            {
                return Reject(string.Create(CultureInfo.InvariantCulture, $"force on atom {a} is not finite"));
            }

            if (norm > MaxForceNorm)
            {
                return Reject(string.Create(CultureInfo.InvariantCulture, $"force on atom {a} is {norm:G6} eV/Å, above the bound {MaxForceNorm:G6} eV/Å"));
            }
        }

        if (ReferenceEnergy?.Invoke(sample.Structure) is double reference)
        {
            double bound = MaxEnergyDeviationPerAtom * Math.Max(n, 1);
            double deviation = sample.Energy - reference;
            if (!(Math.Abs(deviation) <= bound))
            {
                return Reject(string.Create(
                    CultureInfo.InvariantCulture,
                    $"energy {sample.Energy:G10} eV deviates by {deviation:G6} eV from the reference {reference:G10} eV; the bound is {MaxEnergyDeviationPerAtom:G6} eV/atom × {n} atoms = {bound:G6} eV"));
            }
        }

        return null;
    }

    private static OracleFailure Reject(string why) => new(OracleFailureKind.UnphysicalResult, "Physics gate: " + why + ".");

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int m = values.Length / 2;
        return values.Length % 2 == 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
    }

    private static double Positive(double value, string name)
        => value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0 (+∞ disables the bound).");
}
