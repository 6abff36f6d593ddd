using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Oracles;

/// <summary>
/// The identity of one oracle call: the SHA-256 (64 lowercase hex digits) of a canonical text form of everything
/// that determines its result, and nothing else. Two calls with the same key are the same calculation, so a result
/// recorded under a key is never paid for again.
/// </summary>
/// <remarks>
/// <para>The canonical form (version <see cref="FormatVersion"/>) contains, one item per line:</para>
/// <list type="bullet">
/// <item>the oracle identity — name, version and every semantic setting (charge and spin live there), each field
/// length-prefixed so that no two identities share a form (<see cref="OracleIdentity.ToCanonicalString"/> joins
/// fields with separators that may also occur inside values);</item>
/// <item>the atoms in a canonical order: sorted by (Z, x, y, z) with positions rounded to
/// <see cref="PositionResolution"/> (1e-6 Å), ties kept in input order; each atom as Z and three integers
/// (positions in units of 1e-6 Å, so there is no negative zero and no culture-dependent formatting);</item>
/// <item>the cell (9 values in units of 1e-6 Å, or <c>none</c>) and the periodicity (<c>T</c>/<c>F</c> per axis).</item>
/// </list>
/// <para>Not included: constraints and metadata (they do not change a single-point result), and never paths,
/// queues, timings or host names. The key is permutation-invariant (reordering atoms gives the same key; the
/// oracle still receives the structure in its own order and results are mapped back with
/// <see cref="CanonicalOrder"/>). It is deliberately not translation- or rotation-invariant: positions are taken
/// as given, because some oracles are not invariant (toy surfaces in a fixed frame, external fields, fixed
/// slabs), periodic images are not wrapped, and an exact, simple rule is easier to trust than a clever one.
/// Noise well below 1e-6 Å gives the same key, except for the rare coordinate that straddles a rounding
/// boundary (then the call is merely repeated, never wrongly reused).</para>
/// </remarks>
public sealed class OracleCallKey : IEquatable<OracleCallKey>
{
    /// <summary>Version of the canonical form; part of the hashed text.</summary>
    public const int FormatVersion = 1;

    /// <summary>Rounding unit of positions and cell vectors in the key (Å).</summary>
    public const double PositionResolution = 1e-6;

    private const double UnitsPerAngstrom = 1e6;
    private const double MaxAbsoluteCoordinate = 1e12;

    private OracleCallKey(string value, ImmutableArray<int> canonicalOrder)
    {
        Value = value;
        CanonicalOrder = canonicalOrder;
    }

    /// <summary>The key: 64 lowercase hexadecimal digits of a SHA-256.</summary>
    public string Value { get; }

    /// <summary>
    /// The canonical atom order of the structure the key was computed from: <c>CanonicalOrder[c]</c> is the index
    /// (in that structure) of the atom at canonical position <c>c</c>. Length N.
    /// </summary>
    public ImmutableArray<int> CanonicalOrder { get; }

    /// <summary>Computes the key of labelling <paramref name="structure"/> with the oracle <paramref name="identity"/>.</summary>
    /// <param name="identity">The oracle identity (name, version, semantic settings).</param>
    /// <param name="structure">The structure (positions in Å).</param>
    /// <returns>The key with the structure's canonical order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is beyond ±1e12 Å.</exception>
    public static OracleCallKey Compute(OracleIdentity identity, AtomicStructure structure)
    {
        var (text, order) = Canonicalize(identity, structure);
        return new OracleCallKey(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), order);
    }

    /// <summary>The canonical text that <see cref="Compute"/> hashes (for inspection and documentation).</summary>
    /// <param name="identity">The oracle identity.</param>
    /// <param name="structure">The structure (Å).</param>
    /// <returns>The canonical form, lines ending with <c>\n</c>.</returns>
    public static string CanonicalForm(OracleIdentity identity, AtomicStructure structure) => Canonicalize(identity, structure).Text;

    /// <summary>
    /// The structure with its atoms in canonical order (positions unrounded, cell and periodicity kept, constraints
    /// dropped). The structure must be the one this key was computed from, or one with the same atom count.
    /// </summary>
    /// <param name="structure">The structure.</param>
    /// <returns>The reordered structure.</returns>
    public AtomicStructure ToCanonical(AtomicStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        CheckCount(structure.AtomCount, nameof(structure));
        var z = new int[structure.AtomCount];
        for (int c = 0; c < z.Length; c++)
        {
            z[c] = structure.AtomicNumbers[CanonicalOrder[c]];
        }

        return new AtomicStructure(z, PerAtomToCanonical(structure.Positions), structure.Cell);
    }

    /// <summary>Reorders a per-atom N×3 array (positions, forces) from the structure's order to canonical order.</summary>
    /// <param name="values">Flat row-major N×3 values in the structure's order.</param>
    /// <returns>The values in canonical order.</returns>
    public double[] PerAtomToCanonical(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckCount(values.Count / 3, nameof(values), values.Count % 3 != 0);
        var result = new double[values.Count];
        for (int c = 0; c < CanonicalOrder.Length; c++)
        {
            for (int k = 0; k < 3; k++)
            {
                result[3 * c + k] = values[3 * CanonicalOrder[c] + k];
            }
        }

        return result;
    }

    /// <summary>Reorders a per-atom N×3 array (e.g. forces) from canonical order back to the structure's order.</summary>
    /// <param name="canonicalValues">Flat row-major N×3 values in canonical order.</param>
    /// <returns>The values in the structure's order.</returns>
    public double[] PerAtomFromCanonical(IReadOnlyList<double> canonicalValues)
    {
        ArgumentNullException.ThrowIfNull(canonicalValues);
        CheckCount(canonicalValues.Count / 3, nameof(canonicalValues), canonicalValues.Count % 3 != 0);
        var result = new double[canonicalValues.Count];
        for (int c = 0; c < CanonicalOrder.Length; c++)
        {
            for (int k = 0; k < 3; k++)
            {
                result[3 * CanonicalOrder[c] + k] = canonicalValues[3 * c + k];
            }
        }

        return result;
    }

    /// <inheritdoc />
    public bool Equals(OracleCallKey? other) => other is not null && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OracleCallKey);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The key's hexadecimal value.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;

    private static (string Text, ImmutableArray<int> Order) Canonicalize(OracleIdentity identity, AtomicStructure structure)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(structure);
        int n = structure.AtomCount;
        var q = new long[3 * n];
        for (int i = 0; i < q.Length; i++)
        {
            q[i] = Quantize(structure.Positions[i], nameof(structure));
        }

        int[] order = [.. Enumerable.Range(0, n)];
        Array.Sort(order, (a, b) =>
        {
            int c = structure.AtomicNumbers[a].CompareTo(structure.AtomicNumbers[b]);
            for (int k = 0; k < 3 && c == 0; k++)
            {
                c = q[3 * a + k].CompareTo(q[3 * b + k]);
            }

            return c != 0 ? c : a.CompareTo(b);
        });

        var text = new StringBuilder(64 + 48 * n);
        text.Append("adversarial-sampling oracle-call v").Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("oracle ");
        AppendField(text, identity.Name);
        text.Append(' ');
        AppendField(text, identity.Version);
        text.Append('\n');
        foreach (var (key, value) in identity.Settings)
        {
            text.Append("setting ");
            AppendField(text, key);
            text.Append(' ');
            AppendField(text, value);
            text.Append('\n');
        }

        text.Append("atoms ").Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (int atom in order)
        {
            text.Append(structure.AtomicNumbers[atom].ToString(CultureInfo.InvariantCulture));
            for (int k = 0; k < 3; k++)
            {
                text.Append(' ').Append(q[3 * atom + k].ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        var cell = structure.Cell;
        text.Append("cell");
        if (cell is null)
        {
            text.Append(" none\npbc FFF\n");
        }
        else
        {
            foreach (double v in cell.Vectors)
            {
                text.Append(' ').Append(Quantize(v, nameof(structure)).ToString(CultureInfo.InvariantCulture));
            }

            text.Append("\npbc ");
            foreach (bool p in cell.Periodic)
            {
                text.Append(p ? 'T' : 'F');
            }

            text.Append('\n');
        }

        return (text.ToString(), [.. order]);
    }

    private static void AppendField(StringBuilder text, string value)
        => text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);

    private static long Quantize(double value, string paramName)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > MaxAbsoluteCoordinate)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Coordinates in an oracle-call key must be finite and within ±1e12 Å.");
        }

        return (long)Math.Round(value * UnitsPerAngstrom, MidpointRounding.ToEven);
    }

    private void CheckCount(int atoms, string paramName, bool ragged = false)
    {
        if (ragged || atoms != CanonicalOrder.Length)
        {
            throw new ArgumentException($"Expected {CanonicalOrder.Length} atoms (flat N×3); the key was computed for that many.", paramName);
        }
    }
}
