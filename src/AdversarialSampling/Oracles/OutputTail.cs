using System.Text;

namespace AdversarialSampling.Oracles;

/// <summary>The last lines of a program's standard output and standard error files, for failure reports.</summary>
internal static class OutputTail
{
    /// <summary>Separator line between the standard output tail and the standard error tail.</summary>
    public const string StderrSeparator = "--- stderr ---";

    private const int MaxBytes = 256 * 1024;

    /// <summary>
    /// The last <paramref name="lines"/> lines of standard output, followed — when standard error is not empty — by
    /// <see cref="StderrSeparator"/> and its last <paramref name="lines"/> lines. Empty when both are empty or missing.
    /// </summary>
    /// <param name="stdoutPath">Standard output file.</param>
    /// <param name="stderrPath">Standard error file.</param>
    /// <param name="lines">Lines per stream (≥ 1).</param>
    /// <returns>The tail, lines joined with <c>\n</c>.</returns>
    public static string Read(string stdoutPath, string stderrPath, int lines)
    {
        var stdout = LastLines(stdoutPath, lines);
        var stderr = LastLines(stderrPath, lines);
        if (stderr.Count == 0)
        {
            return string.Join('\n', stdout);
        }

        return string.Join('\n', stdout.Append(StderrSeparator).Concat(stderr));
    }

    private static List<string> LastLines(string path, int count)
    {
        string text;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long start = Math.Max(0, stream.Length - MaxBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            text = Encoding.UTF8.GetString(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var all = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (all.Count > 0 && all[^1].Length == 0)
        {
            all.RemoveAt(all.Count - 1);
        }

        return all.Count <= count ? all : all.GetRange(all.Count - count, count);
    }
}
