using System.Collections.Immutable;
using System.Globalization;

namespace AdversarialSampling.Structures;

/// <summary>
/// A structure with ground-truth labels: total energy (eV), optional forces (eV/Å, flat N×3), optional
/// stress (eV/Å³, 3×3 row-major, ASE sign convention) and free-form metadata (generation, origin, oracle,
/// ...; see <see cref="MetadataValue"/>). Immutable; construction validates shapes and finiteness.
/// </summary>
public sealed class LabelledSample
{
    /// <summary>Creates a labelled sample.</summary>
    /// <param name="structure">The structure.</param>
    /// <param name="energy">Total energy (eV), finite.</param>
    /// <param name="forces">Optional forces, flat row-major N×3 (eV/Å), finite.</param>
    /// <param name="stress">Optional stress (eV/Å³): 9 values (3×3) or 6 Voigt values (xx, yy, zz, yz, xz, xy).</param>
    /// <param name="metadata">Optional free-form metadata.</param>
    /// <exception cref="ArgumentException">Non-finite numbers or wrong lengths, naming field and index.</exception>
    public LabelledSample(
        AtomicStructure structure,
        double energy,
        IReadOnlyList<double>? forces = null,
        IReadOnlyList<double>? stress = null,
        IEnumerable<KeyValuePair<string, object>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (!double.IsFinite(energy))
        {
            throw new ArgumentException($"Energy is not finite: {energy.ToString(CultureInfo.InvariantCulture)} eV.", nameof(energy));
        }

        if (forces is not null)
        {
            if (forces.Count != structure.AtomCount * 3)
            {
                throw new ArgumentException(
                    $"Forces must have 3 × {structure.AtomCount} = {structure.AtomCount * 3} values (flat N×3, eV/Å); found {forces.Count}.",
                    nameof(forces));
            }

            for (int i = 0; i < forces.Count; i++)
            {
                if (!double.IsFinite(forces[i]))
                {
                    throw new ArgumentException(
                        $"Forces[{i}] (atom {i / 3}, component {"xyz"[i % 3]}) is not finite: {forces[i].ToString(CultureInfo.InvariantCulture)}.",
                        nameof(forces));
                }
            }
        }

        Structure = structure;
        Energy = energy;
        Forces = forces is null ? [] : [.. forces];
        Stress = stress is null ? [] : NormalizeStress(stress, nameof(stress));
        Metadata = MetadataValue.NormalizeAll(metadata);
    }

    /// <summary>The structure.</summary>
    public AtomicStructure Structure { get; }

    /// <summary>Total energy (eV).</summary>
    public double Energy { get; }

    /// <summary>Forces, flat row-major N×3 (eV/Å); empty when absent (see <see cref="HasForces"/>).</summary>
    public ImmutableArray<double> Forces { get; }

    /// <summary>True if forces are present.</summary>
    public bool HasForces => !Forces.IsEmpty || Structure.AtomCount == 0;

    /// <summary>Stress, 3×3 row-major (eV/Å³); empty when absent.</summary>
    public ImmutableArray<double> Stress { get; }

    /// <summary>Free-form metadata (string, bool, long, double or arrays of them).</summary>
    public ImmutableDictionary<string, object> Metadata { get; }

    /// <summary>Energy per atom (eV/atom).</summary>
    public double EnergyPerAtom => Structure.AtomCount == 0 ? 0 : Energy / Structure.AtomCount;

    /// <summary>Largest per-atom force norm (eV/Å), or null without forces.</summary>
    public double? MaxForceNorm
    {
        get
        {
            if (Forces.IsEmpty)
            {
                return null;
            }

            double best = 0;
            for (int a = 0; a < Forces.Length / 3; a++)
            {
                double fx = Forces[3 * a], fy = Forces[3 * a + 1], fz = Forces[3 * a + 2];
                best = Math.Max(best, Math.Sqrt(fx * fx + fy * fy + fz * fz));
            }

            return best;
        }
    }

    /// <summary>A copy with one metadata entry added or replaced.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value (see <see cref="MetadataValue"/>).</param>
    /// <returns>The new sample.</returns>
    public LabelledSample WithMetadata(string key, object value)
        => new(Structure, Energy, Forces.IsEmpty ? null : Forces, Stress.IsEmpty ? null : Stress, Metadata.SetItem(key, MetadataValue.Normalize(key, value)));

    /// <summary>Reads a metadata value of a given type, or the default when absent or of another type.</summary>
    /// <typeparam name="T">Expected type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="fallback">Returned when missing.</param>
    /// <returns>The value.</returns>
    public T GetMetadata<T>(string key, T fallback)
        => Metadata.TryGetValue(key, out var v) && v is T t ? t : fallback;

    private static ImmutableArray<double> NormalizeStress(IReadOnlyList<double> s, string paramName)
    {
        if (s.Count is not (9 or 6))
        {
            throw new ArgumentException($"Stress must have 9 (3×3) or 6 (Voigt) values (eV/Å³); found {s.Count}.", paramName);
        }

        for (int i = 0; i < s.Count; i++)
        {
            if (!double.IsFinite(s[i]))
            {
                throw new ArgumentException($"Stress[{i}] is not finite: {s[i].ToString(CultureInfo.InvariantCulture)}.", paramName);
            }
        }

        return s.Count == 9 ? [.. s] : [s[0], s[5], s[4], s[5], s[1], s[3], s[4], s[3], s[2]];
    }
}
