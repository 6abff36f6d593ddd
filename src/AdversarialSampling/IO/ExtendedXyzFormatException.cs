using System.Globalization;

namespace AdversarialSampling.IO;

/// <summary>
/// Malformed extended XYZ input. The message reads <c>file:line: frame N: what was expected, what was found</c>;
/// <see cref="Path"/>, <see cref="Frame"/> and <see cref="Line"/> give the location.
/// </summary>
public sealed class ExtendedXyzFormatException : FormatException
{
    /// <summary>Creates an exception with a location.</summary>
    /// <param name="path">The file path or source name.</param>
    /// <param name="frame">Zero-based frame index.</param>
    /// <param name="line">One-based line number.</param>
    /// <param name="detail">What was expected and what was found.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ExtendedXyzFormatException(string path, int frame, int line, string detail, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: frame {frame}: {detail}"), innerException)
    {
        Path = path;
        Frame = frame;
        Line = line;
        Detail = detail;
    }

    /// <summary>Creates an exception without a location.</summary>
    public ExtendedXyzFormatException()
        : this("(unknown)", -1, 0, "malformed extended XYZ")
    {
    }

    /// <summary>Creates an exception without a location.</summary>
    /// <param name="message">The message.</param>
    public ExtendedXyzFormatException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception without a location.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ExtendedXyzFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Path = "(unknown)";
        Frame = -1;
        Detail = message;
    }

    /// <summary>The file path (or the source name given to the reader).</summary>
    public string Path { get; }

    /// <summary>Zero-based index of the frame being read; −1 when unknown.</summary>
    public int Frame { get; }

    /// <summary>One-based line number; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The description without the location prefix.</summary>
    public string Detail { get; }
}
