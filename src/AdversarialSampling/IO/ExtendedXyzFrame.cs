using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.IO;

/// <summary>
/// One frame of an extended XYZ file, as ASE holds it: the structure (species, positions in Å, cell and
/// periodicity from <c>Lattice</c>/<c>pbc</c>, constraints from a <c>move_mask</c> column), the per-frame
/// <see cref="Info"/> (every comment-line key except <c>Lattice</c>, <c>pbc</c> and <c>Properties</c>, including
/// <c>energy</c> and <c>stress</c>) and the per-atom <see cref="Arrays"/> (every column except <c>species</c>,
/// <c>pos</c>, <c>Z</c> and <c>move_mask</c>, including <c>forces</c>). Immutable; construction validates.
/// </summary>
/// <remarks>
/// Special keys: <c>energy</c> (eV) is a finite number; <c>stress</c> (eV/Å³) and <c>virial</c> (eV) are 3×3
/// matrices stored as 9 doubles, row-major (a 6-value Voigt stress xx yy zz yz xz xy is expanded); in the file
/// they are written column-major, as ASE does. <c>forces</c> (eV/Å) is a finite R:3 column. ASE 3.22 keeps
/// <c>virial</c> as plain information and so does this type: it is not turned into a stress.
/// </remarks>
public sealed class ExtendedXyzFrame
{
    /// <summary>Info key of the total energy (eV).</summary>
    public const string EnergyKey = "energy";

    /// <summary>Info key of the stress (eV/Å³, 3×3).</summary>
    public const string StressKey = "stress";

    /// <summary>Info key of the virial (eV, 3×3).</summary>
    public const string VirialKey = "virial";

    /// <summary>Per-atom property name of the forces (eV/Å, R:3).</summary>
    public const string ForcesKey = "forces";

    private static readonly string[] ReservedInfoKeys = ["Lattice", "pbc", "Properties"];
    private static readonly string[] ReservedArrayNames = ["species", "pos", "Z", "move_mask"];

    /// <summary>Creates a frame.</summary>
    /// <param name="structure">The structure.</param>
    /// <param name="info">Per-frame values (see <see cref="MetadataValue"/>); not <c>Lattice</c>, <c>pbc</c> or <c>Properties</c>.</param>
    /// <param name="arrays">Per-atom properties, each with one row per atom; not <c>species</c>, <c>pos</c>, <c>Z</c> or <c>move_mask</c>; names without ':'.</param>
    /// <exception cref="ArgumentException">A reserved or malformed key or name, a row count that is not the atom count, or an invalid special value (named).</exception>
    public ExtendedXyzFrame(
        AtomicStructure structure,
        IEnumerable<KeyValuePair<string, object>>? info = null,
        IEnumerable<KeyValuePair<string, PerAtomProperty>>? arrays = null)
    {
        ArgumentNullException.ThrowIfNull(structure);
        Structure = structure;
        var infoBuilder = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in info ?? [])
        {
            CheckName(key, "Info key", ReservedInfoKeys, nameof(info));
            infoBuilder[key] = NormalizeSpecial(key, MetadataValue.Normalize(key, value), nameof(info));
        }

        var arrayBuilder = ImmutableDictionary.CreateBuilder<string, PerAtomProperty>(StringComparer.Ordinal);
        foreach (var (name, property) in arrays ?? [])
        {
            CheckName(name, "Per-atom property name", ReservedArrayNames, nameof(arrays));
            ArgumentNullException.ThrowIfNull(property, nameof(arrays));
            if (name.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Per-atom property name '{name}' contains ':'.", nameof(arrays));
            }

            if (property.Rows != structure.AtomCount || property.Count != structure.AtomCount * property.Columns)
            {
                throw new ArgumentException(
                    $"Per-atom property '{name}' has {property.Count} values ({property.Columns} per atom); the structure has {structure.AtomCount} atoms.",
                    nameof(arrays));
            }

            if (name == ForcesKey)
            {
                CheckForces(property, nameof(arrays));
            }

            arrayBuilder[name] = property;
        }

        Info = infoBuilder.ToImmutable();
        Arrays = arrayBuilder.ToImmutable();
    }

    /// <summary>The structure (species, positions in Å, cell, periodicity, constraints).</summary>
    public AtomicStructure Structure { get; }

    /// <summary>Per-frame values: string, bool, long, double or ImmutableArray of one of them.</summary>
    public ImmutableDictionary<string, object> Info { get; }

    /// <summary>Per-atom properties by name (file names, e.g. <c>forces</c>, <c>charge</c>).</summary>
    public ImmutableDictionary<string, PerAtomProperty> Arrays { get; }

    /// <summary>The <c>energy</c> info value (eV), or null when absent.</summary>
    public double? Energy => Info.TryGetValue(EnergyKey, out var e) ? System.Convert.ToDouble(e, CultureInfo.InvariantCulture) : null;

    /// <summary>The <c>forces</c> column (eV/Å, flat row-major N×3), or empty when absent.</summary>
    public ImmutableArray<double> Forces => Arrays.TryGetValue(ForcesKey, out var f) ? f.Reals : [];

    /// <summary>The <c>stress</c> info value (eV/Å³, 3×3 row-major), or empty when absent.</summary>
    public ImmutableArray<double> Stress => Info.TryGetValue(StressKey, out var s) ? (ImmutableArray<double>)s : [];

    /// <summary>
    /// Makes a frame from a labelled sample: <c>energy</c>, <c>stress</c> (if any) and the metadata go to
    /// <see cref="Info"/>, <c>forces</c> (if any) and <paramref name="extraArrays"/> to <see cref="Arrays"/>.
    /// </summary>
    /// <param name="sample">The sample.</param>
    /// <param name="extraArrays">Further per-atom properties; not <c>forces</c>.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="ArgumentException">Metadata uses a reserved key (<c>energy</c>, <c>stress</c>, <c>Lattice</c>, <c>pbc</c>, <c>Properties</c>), or an extra array is <c>forces</c>.</exception>
    public static ExtendedXyzFrame FromSample(LabelledSample sample, IEnumerable<KeyValuePair<string, PerAtomProperty>>? extraArrays = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        foreach (string key in new[] { EnergyKey, StressKey })
        {
            if (sample.Metadata.ContainsKey(key))
            {
                throw new ArgumentException($"Sample metadata has the key '{key}', which the sample's own {key} is written as.", nameof(sample));
            }
        }

        var info = sample.Metadata.SetItem(EnergyKey, sample.Energy);
        if (!sample.Stress.IsEmpty)
        {
            info = info.SetItem(StressKey, sample.Stress);
        }

        var arrays = new Dictionary<string, PerAtomProperty>(StringComparer.Ordinal);
        foreach (var (name, property) in extraArrays ?? [])
        {
            if (name == ForcesKey)
            {
                throw new ArgumentException("Extra arrays may not contain 'forces'; the sample's forces are written.", nameof(extraArrays));
            }

            arrays.Add(name, property);
        }

        if (!sample.Forces.IsEmpty)
        {
            arrays[ForcesKey] = PerAtomProperty.FromReals(3, sample.Forces);
        }

        return new ExtendedXyzFrame(sample.Structure, info, arrays);
    }

    /// <summary>
    /// The frame as a labelled sample: energy from <c>energy</c>, forces from <c>forces</c>, stress from
    /// <c>stress</c>; every other info key becomes metadata. Per-atom properties other than forces are dropped.
    /// </summary>
    /// <param name="sample">The sample, or null when the frame has no energy.</param>
    /// <returns>True if the frame has an energy.</returns>
    public bool TryToLabelledSample([NotNullWhen(true)] out LabelledSample? sample)
    {
        if (Energy is not double energy)
        {
            sample = null;
            return false;
        }

        var forces = Forces;
        var stress = Stress;
        sample = new LabelledSample(
            Structure,
            energy,
            forces.IsEmpty ? null : forces,
            stress.IsEmpty ? null : stress,
            Info.Remove(EnergyKey).Remove(StressKey));
        return true;
    }

    /// <summary>The frame as a labelled sample (see <see cref="TryToLabelledSample"/>).</summary>
    /// <returns>The sample.</returns>
    /// <exception cref="InvalidOperationException">The frame has no <c>energy</c>.</exception>
    public LabelledSample ToLabelledSample()
        => TryToLabelledSample(out var sample)
            ? sample
            : throw new InvalidOperationException("The frame has no 'energy' info key; a labelled sample needs an energy (eV).");

    private static void CheckName(string name, string what, string[] reserved, string paramName)
    {
        if (string.IsNullOrEmpty(name) || name.Any(char.IsControl))
        {
            throw new ArgumentException($"{what} '{name}' is empty or contains control characters.", paramName);
        }

        if (reserved.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"{what} '{name}' is reserved (it is written from the structure).", paramName);
        }
    }

    private static void CheckForces(PerAtomProperty forces, string paramName)
    {
        if (forces.Type != PerAtomPropertyType.Real || forces.Columns != 3)
        {
            throw new ArgumentException($"'forces' must be a real property with 3 columns (R:3, eV/Å); found {forces.TypeCode}:{forces.Columns}.", paramName);
        }

        for (int i = 0; i < forces.Count; i++)
        {
            if (!double.IsFinite(forces.Reals[i]))
            {
                throw new ArgumentException(
                    $"Forces[{i}] (atom {i / 3}, component {"xyz"[i % 3]}) is not finite: {PythonLiteral.FormatFloat(forces.Reals[i])}.", paramName);
            }
        }
    }

    // energy: finite number; stress/virial: 3×3 (9 values, or 6 Voigt values for stress) stored as 9 doubles.
    private static object NormalizeSpecial(string key, object value, string paramName)
    {
        switch (key)
        {
            case EnergyKey:
                double e = value switch
                {
                    long l => l,
                    double d => d,
                    _ => throw new ArgumentException($"Info 'energy' must be a number (eV); found {Describe(value)}.", paramName),
                };
                return double.IsFinite(e) ? value : throw new ArgumentException($"Info 'energy' is not finite: {PythonLiteral.FormatFloat(e)}.", paramName);
            case StressKey or VirialKey:
                double[] m = value switch
                {
                    ImmutableArray<double> a => [.. a],
                    ImmutableArray<long> a => [.. a.Select(x => (double)x)],
                    _ => throw new ArgumentException($"Info '{key}' must be 9 numbers (3×3){(key == StressKey ? " or 6 (Voigt)" : string.Empty)}; found {Describe(value)}.", paramName),
                };
                if (key == StressKey && m.Length == 6)
                {
                    m = [m[0], m[5], m[4], m[5], m[1], m[3], m[4], m[3], m[2]];
                }

                if (m.Length != 9)
                {
                    throw new ArgumentException($"Info '{key}' must be 9 numbers (3×3){(key == StressKey ? " or 6 (Voigt)" : string.Empty)}; found {m.Length}.", paramName);
                }

                if (key == StressKey && !m.All(double.IsFinite))
                {
                    throw new ArgumentException($"Info 'stress' has a non-finite value: {ExtendedXyzCommentLine.JoinFloats(m)}.", paramName);
                }

                return m.ToImmutableArray();
            default:
                return value;
        }
    }

    private static string Describe(object value) => value switch
    {
        string s => $"the string '{s}'",
        ImmutableArray<double> a => $"{a.Length} numbers",
        ImmutableArray<long> a => $"{a.Length} integers",
        ImmutableArray<bool> a => $"{a.Length} booleans",
        ImmutableArray<string> a => $"{a.Length} strings",
        _ => $"a {value.GetType().Name}",
    };
}
