using System.Globalization;
using AdversarialSampling.IO;

namespace AdversarialSampling.Runs;

/// <summary>
/// The single-writer lock of a run directory: <c>run.lock</c> opened with <see cref="FileShare.None"/> (an
/// exclusive <c>flock</c> on Linux and macOS, a sharing lock on Windows), held while the store is open and released
/// by the operating system when the process dies. The holder's process id is written to <c>run.owner</c> (for
/// the message a second opener gets; informational only).
/// </summary>
/// <remarks>
/// .NET takes the <c>flock</c> for <see cref="FileShare.None"/>; setting <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>
/// (or the <c>System.IO.DisableFileLocking</c> switch) turns it off and with it this guarantee. The lock is advisory
/// and local: on network file systems without <c>flock</c> support it may not exclude writers on other hosts.
/// </remarks>
internal sealed class RunLock : IDisposable
{
    internal const string LockFileName = "run.lock";
    internal const string OwnerFileName = "run.owner";

    // flock's EWOULDBLOCK on Linux (11) and macOS (35); ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION on Windows.
    private static readonly int[] LockedHResults = [11, 35, unchecked((int)0x80070020), unchecked((int)0x80070021)];

    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="runDirectory"/> (which must exist).</summary>
    /// <param name="runDirectory">The run directory (full path).</param>
    /// <returns>The held lock.</returns>
    /// <exception cref="RunLockedException">Another writer holds it.</exception>
    /// <exception cref="RunStoreException">The lock file cannot be created.</exception>
    public static RunLock Acquire(string runDirectory)
    {
        string path = Path.Combine(runDirectory, LockFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (LockedHResults.Contains(e.HResult))
        {
            throw new RunLockedException(runDirectory, ReadOwner(runDirectory), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunStoreException($"Cannot create the lock file '{path}': {e.Message}", e);
        }

        try
        {
            string owner = string.Create(
                CultureInfo.InvariantCulture,
                $"pid={Environment.ProcessId}\nhost={Environment.MachineName}\nsince={DateTimeOffset.UtcNow:O}\n");
            AtomicFile.WriteAllText(Path.Combine(runDirectory, OwnerFileName), owner);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new RunStoreException($"Cannot write '{Path.Combine(runDirectory, OwnerFileName)}': {e.Message}", e);
        }

        return new RunLock(stream);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static int? ReadOwner(string runDirectory)
    {
        try
        {
            foreach (string line in File.ReadAllLines(Path.Combine(runDirectory, OwnerFileName)))
            {
                if (line.StartsWith("pid=", StringComparison.Ordinal)
                    && int.TryParse(line.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                {
                    return pid;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The owner file is informational: the message then has no process id.
        }

        return null;
    }
}
