using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AdversarialSampling.Structures;

namespace AdversarialSampling.IO;

/// <summary>
/// Writes extended XYZ that ASE 3.22 reads back with the same values, and that this library's reader reads back
/// with bit-identical doubles (numbers are written with shortest round-trip precision).
/// </summary>
/// <remarks>
/// Layout, as ASE writes it: the atom count; a comment line with <c>Lattice</c> (when there is a cell),
/// <c>Properties</c>, <c>energy</c>, the other info keys in ordinal order, and <c>pbc</c>; then one line per atom
/// with <c>species</c>, <c>pos</c>, <c>forces</c> (when present), the other per-atom properties in ordinal order,
/// and <c>move_mask</c> when the structure has constraints (<c>L:1</c> for fixed atoms only, <c>L:3</c> as soon
/// as there are fixed Cartesian components; T = may move). <c>stress</c> and <c>virial</c> are written
/// column-major, as ASE does. Strings that would read back as something else (numbers, <c>T</c>, empty, with
/// line breaks) and arrays of fewer than two values are written as <c>_JSON</c> values, which ASE also reads.
/// Lines end with <c>\n</c>; the text is UTF-8.
/// </remarks>
public static class ExtendedXyzWriter
{
    /// <summary>Writes frames to a file atomically (see <see cref="AtomicFile"/>): readers never see a partial file.</summary>
    /// <param name="path">The target path; its directory must exist.</param>
    /// <param name="frames">The frames.</param>
    public static void WriteFrames(string path, IEnumerable<ExtendedXyzFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            WriteFrames(writer, frames);
        });
    }

    /// <summary>Writes frames to a text writer.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="frames">The frames.</param>
    public static void WriteFrames(TextWriter writer, IEnumerable<ExtendedXyzFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var frame in frames)
        {
            WriteFrame(writer, frame);
        }
    }

    /// <summary>Writes labelled samples to a file atomically (see <see cref="ExtendedXyzFrame.FromSample"/>).</summary>
    /// <param name="path">The target path; its directory must exist.</param>
    /// <param name="samples">The samples (a <see cref="Dataset"/> works too).</param>
    public static void WriteSamples(string path, IEnumerable<LabelledSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        WriteFrames(path, samples.Select(s => ExtendedXyzFrame.FromSample(s)));
    }

    /// <summary>Writes labelled samples to a text writer.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="samples">The samples.</param>
    public static void WriteSamples(TextWriter writer, IEnumerable<LabelledSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        WriteFrames(writer, samples.Select(s => ExtendedXyzFrame.FromSample(s)));
    }

    /// <summary>Writes one frame.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="frame">The frame.</param>
    public static void WriteFrame(TextWriter writer, ExtendedXyzFrame frame)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frame);
        var structure = frame.Structure;
        var columns = Columns(frame);
        var line = new StringBuilder(256);
        line.Append(structure.AtomCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        AppendComment(line, frame, columns);
        writer.Write(line.ToString());
        for (int atom = 0; atom < structure.AtomCount; atom++)
        {
            line.Clear();
            line.Append(Elements.Symbol(structure.AtomicNumbers[atom]).PadRight(2));
            foreach (var (_, property) in columns)
            {
                for (int k = 0; k < property.Columns; k++)
                {
                    string text = property.Format(atom * property.Columns + k);
                    line.Append(' ').Append(property.Type switch
                    {
                        PerAtomPropertyType.Real => text.PadLeft(16),
                        PerAtomPropertyType.Integer => text.PadLeft(8),
                        PerAtomPropertyType.Logical => " " + text,
                        _ => text,
                    });
                }
            }

            writer.Write(line.Append('\n').ToString());
        }
    }

    private static void AppendComment(StringBuilder line, ExtendedXyzFrame frame, List<KeyValuePair<string, PerAtomProperty>> columns)
    {
        var cell = frame.Structure.Cell;
        if (cell is not null)
        {
            line.Append("Lattice=\"").Append(ExtendedXyzCommentLine.JoinFloats(cell.Vectors)).Append("\" ");
        }

        var spec = new StringBuilder("species:S:1");
        foreach (var (name, property) in columns)
        {
            spec.Append(':').Append(name).Append(':').Append(property.TypeCode).Append(':').Append(property.Columns);
        }

        line.Append("Properties=").Append(ExtendedXyzCommentLine.Quote(spec.ToString()));

        var keys = frame.Info.Keys.Order(StringComparer.Ordinal).OrderBy(k => k != ExtendedXyzFrame.EnergyKey);
        foreach (string key in keys)
        {
            object value = frame.Info[key];
            if (key is ExtendedXyzFrame.StressKey or ExtendedXyzFrame.VirialKey && value is ImmutableArray<double> { Length: 9 } m)
            {
                value = ImmutableArray.Create(m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]); // column-major, as ASE
            }

            line.Append(' ').Append(ExtendedXyzCommentLine.FormatEntry(key, value));
        }

        var pbc = cell?.Periodic ?? [false, false, false];
        line.Append(" pbc=\"").AppendJoin(' ', pbc.Select(p => p ? 'T' : 'F')).Append("\"\n");
    }

    // pos first, then forces, the other arrays in ordinal order, and move_mask.
    private static List<KeyValuePair<string, PerAtomProperty>> Columns(ExtendedXyzFrame frame)
    {
        var structure = frame.Structure;
        var columns = new List<KeyValuePair<string, PerAtomProperty>> { new("pos", PerAtomProperty.FromReals(3, structure.Positions)) };
        columns.AddRange(frame.Arrays
            .OrderBy(a => a.Key != ExtendedXyzFrame.ForcesKey)
            .ThenBy(a => a.Key, StringComparer.Ordinal));
        var constraints = structure.Constraints;
        if (!constraints.IsEmpty)
        {
            bool cartesian = constraints.FixedCartesian.Any(f => f.X || f.Y || f.Z);
            bool[] frozen = structure.FrozenMask();
            var mask = cartesian
                ? PerAtomProperty.FromLogicals(3, frozen.Select(f => !f))
                : PerAtomProperty.FromLogicals(1, Enumerable.Range(0, structure.AtomCount).Select(a => !frozen[3 * a]));
            columns.Add(new("move_mask", mask));
        }

        return columns;
    }
}
