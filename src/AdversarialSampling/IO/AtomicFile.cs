using System.Runtime.InteropServices;
using System.Text;

namespace AdversarialSampling.IO;

/// <summary>
/// Writes files atomically and durably: the content goes to a temporary file in the same directory, which is
/// flushed to disk, renamed over the target, and the directory is then flushed too (on Linux and macOS).
/// Readers see either the old file or the complete new one, never a torn one, even after a crash or power loss.
/// </summary>
public static class AtomicFile
{
    private const int ReadOnly = 0;
    private const int InvalidArgument = 22;
    private const int NotSupported = 95;

    /// <summary>Writes text atomically (UTF-8 without a byte-order mark unless another encoding is given).</summary>
    /// <param name="path">The target path; its directory must exist.</param>
    /// <param name="contents">The text.</param>
    /// <param name="encoding">The encoding; default UTF-8 without BOM.</param>
    public static void WriteAllText(string path, string contents, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(contents);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes bytes atomically.</summary>
    /// <param name="path">The target path; its directory must exist.</param>
    /// <param name="bytes">The content.</param>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes)
        => Write(path, stream => stream.Write(bytes.Span));

    /// <summary>
    /// Writes a file atomically through a stream. If <paramref name="write"/> throws, the target is left
    /// untouched and the temporary file is deleted.
    /// </summary>
    /// <param name="path">The target path; its directory must exist.</param>
    /// <param name="write">Writes the content to the given stream (which it must not dispose).</param>
    /// <exception cref="IOException">The file system refused a step (the message names it).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>Flushes a directory's entries (renames, creations) to disk; a no-op on Windows.</summary>
    /// <param name="directory">The directory.</param>
    /// <exception cref="IOException">The directory could not be opened or flushed.</exception>
    public static void SyncDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is not InvalidArgument and not NotSupported)
                {
                    throw new IOException($"Cannot flush directory '{directory}' to disk (errno {errno}).");
                }
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
