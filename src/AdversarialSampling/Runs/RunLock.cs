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

    // Pauses before looking again at a lock found taken (150 ms in all): a Holder probe takes the lock for microseconds,
    // so a writer refused only after these is refused by a real holder.
    private static readonly int[] LockedRetryDelaysMs = [10, 20, 40, 80];

    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock of <paramref name="runDirectory"/> (which must exist). A lock found taken is looked at again
    /// four times over 150 ms before the writer is refused, so a <see cref="Holder"/> probe running in the same instant
    /// (which takes the lock for microseconds) does not refuse it.
    /// </summary>
    /// <param name="runDirectory">The run directory (full path).</param>
    /// <returns>The held lock.</returns>
    /// <exception cref="RunLockedException">Another writer holds it.</exception>
    /// <exception cref="RunStoreException">The lock file cannot be created.</exception>
    public static RunLock Acquire(string runDirectory)
    {
        string path = Path.Combine(runDirectory, LockFileName);
        FileStream stream;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                break;
            }
            catch (IOException e) when (LockedHResults.Contains(e.HResult) && attempt < LockedRetryDelaysMs.Length)
            {
                // Perhaps only a Holder probe (status) holding the lock for an instant: look again before refusing.
                Thread.Sleep(LockedRetryDelaysMs[attempt]);
            }
            catch (IOException e) when (LockedHResults.Contains(e.HResult))
            {
                throw new RunLockedException(runDirectory, ReadOwner(runDirectory), e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RunStoreException($"Cannot create the lock file '{path}': {e.Message}", e);
            }
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

    /// <summary>
    /// The current holder, or null when no process holds the lock: probes by taking the lock without waiting and
    /// releasing it at once (a writer starting in that instant finds it free when <see cref="Acquire"/> looks again).
    /// </summary>
    /// <param name="runDirectory">The run directory (full path).</param>
    /// <returns>The holder, or null.</returns>
    public static RunHolder? Holder(string runDirectory)
    {
        string path = Path.Combine(runDirectory, LockFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1, FileOptions.None);
            return null;
        }
        catch (IOException e) when (LockedHResults.Contains(e.HResult))
        {
            var fields = ReadOwnerFields(runDirectory);
            return new RunHolder(
                ProcessId(fields),
                fields.GetValueOrDefault("host"),
                DateTimeOffset.TryParse(fields.GetValueOrDefault("since"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since : null);
        }
    }

    private static Dictionary<string, string> ReadOwnerFields(string runDirectory)
    {
        try
        {
            return File.ReadAllLines(Path.Combine(runDirectory, OwnerFileName))
                .Select(line => line.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // The owner file is informational.
        }
    }

    private static int? ReadOwner(string runDirectory) => ProcessId(ReadOwnerFields(runDirectory));

    private static int? ProcessId(Dictionary<string, string> fields)
        => int.TryParse(fields.GetValueOrDefault("pid"), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
}
