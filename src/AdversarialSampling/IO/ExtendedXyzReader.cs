using System.Text;
using AdversarialSampling.Structures;

namespace AdversarialSampling.IO;

/// <summary>
/// Reads extended XYZ files as ASE 3.22 does (<c>ase.io.read(path, ":", format="extxyz")</c>), streaming:
/// frames are parsed one at a time, line by line, as the caller enumerates, so files of any size can be read.
/// </summary>
/// <remarks>
/// <para>The comment line follows ASE's key=value grammar (quoted values with spaces and backslash escapes,
/// <c>{…}</c>/<c>[…]</c> arrays, T/F booleans, integers, floats, <c>_JSON</c> values, bare keys meaning true).
/// <c>Lattice</c> gives the cell (three lattice vectors, Å; periodic on all axes unless <c>pbc</c> says
/// otherwise), <c>pbc</c> the periodicity, <c>Properties</c> the per-atom columns (default
/// <c>species:S:1:pos:R:3</c>). Elements come from <c>species</c> (any case, as ASE) or <c>Z</c>.
/// A <c>move_mask</c> column becomes constraints as in ASE: <c>L:1</c> fixes atoms whose mask is F
/// (<c>FixAtoms</c>), <c>L:3</c> fixes the components whose mask is F (<c>FixCartesian</c>).</para>
/// <para>Stricter than ASE: a line with more or fewer fields than <c>Properties</c> declares, a logical that is
/// not T/F/True/False, an unterminated quote, non-finite positions, forces or energy, a singular <c>Lattice</c>
/// and periodic axes without a <c>Lattice</c> are errors. More lenient: blank lines between frames are skipped
/// (ASE stops at the first), and a 6-value (Voigt) <c>stress</c> is accepted.</para>
/// <para>Every problem throws <see cref="ExtendedXyzFormatException"/> naming the file, frame and line.</para>
/// </remarks>
public static class ExtendedXyzReader
{
    /// <summary>Reads the frames of a file lazily; the file is opened on the first enumeration and closed at its end.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The frames, in file order.</returns>
    /// <exception cref="ExtendedXyzFormatException">Malformed input (thrown during enumeration).</exception>
    public static IEnumerable<ExtendedXyzFrame> ReadFrames(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFramesFromFile(path).Select(f => f.Frame);
    }

    /// <summary>Reads frames lazily from a text reader (which the caller owns and disposes).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">A name for error messages, e.g. the file path.</param>
    /// <returns>The frames, in order.</returns>
    /// <exception cref="ExtendedXyzFormatException">Malformed input (thrown during enumeration).</exception>
    public static IEnumerable<ExtendedXyzFrame> ReadFrames(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new ExtendedXyzParser(reader, sourceName).Frames().Select(f => f.Frame);
    }

    /// <summary>Reads the frames of a file lazily as labelled samples (see <see cref="ExtendedXyzFrame.ToLabelledSample"/>).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The samples, in file order.</returns>
    /// <exception cref="ExtendedXyzFormatException">Malformed input, or a frame without <c>energy</c> (thrown during enumeration).</exception>
    public static IEnumerable<LabelledSample> ReadSamples(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ToSamples(ReadFramesFromFile(path), path);
    }

    /// <summary>Reads frames lazily from a text reader as labelled samples.</summary>
    /// <param name="reader">The text (owned by the caller).</param>
    /// <param name="sourceName">A name for error messages.</param>
    /// <returns>The samples, in order.</returns>
    /// <exception cref="ExtendedXyzFormatException">Malformed input, or a frame without <c>energy</c> (thrown during enumeration).</exception>
    public static IEnumerable<LabelledSample> ReadSamples(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ToSamples(new ExtendedXyzParser(reader, sourceName).Frames(), sourceName);
    }

    /// <summary>Reads a whole file into a dataset of labelled samples.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The dataset, in file order.</returns>
    /// <exception cref="ExtendedXyzFormatException">Malformed input, or a frame without <c>energy</c>.</exception>
    public static Dataset ReadDataset(string path) => new(ReadSamples(path));

    private static IEnumerable<(ExtendedXyzFrame Frame, int CommentLine)> ReadFramesFromFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var frame in new ExtendedXyzParser(reader, path).Frames())
        {
            yield return frame;
        }
    }

    private static IEnumerable<LabelledSample> ToSamples(IEnumerable<(ExtendedXyzFrame Frame, int CommentLine)> frames, string source)
    {
        int index = 0;
        foreach (var (frame, line) in frames)
        {
            if (!frame.TryToLabelledSample(out var sample))
            {
                throw new ExtendedXyzFormatException(source, index, line, "expected an 'energy' key (eV) on the comment line, found none; a labelled sample needs an energy");
            }

            yield return sample;
            index++;
        }
    }
}
