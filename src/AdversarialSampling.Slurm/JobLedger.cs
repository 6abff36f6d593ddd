using System.Globalization;
using System.Text;

namespace AdversarialSampling.Slurm;

/// <summary>
/// The append-only record of a key's jobs (<c>WorkRoot/ledger/KEY.log</c>, one line per event:
/// <c>UTC EVENT JOBID [DETAIL]</c>): which jobs were submitted or adopted, which were consumed (their outcome was
/// handed to the oracle, or they were cancelled) and which ids turned out to belong to another job (an id reused after
/// a controller crash). It lives outside the work directory so that it survives the directory's deletion.
/// </summary>
internal sealed class JobLedger
{
    /// <summary>A job was submitted for the key.</summary>
    public const string Submitted = "submitted";

    /// <summary>A live job of the key, found by name, was adopted.</summary>
    public const string Adopted = "adopted";

    /// <summary>A job's outcome was used (harvested, classified) or the job was cancelled: never look at it again.</summary>
    public const string Consumed = "consumed";

    /// <summary>A recorded id now belongs to another job (reused after a controller crash).</summary>
    public const string Foreign = "foreign";

    private readonly string _path;

    public JobLedger(string path) => _path = path;

    /// <summary>Appends an event (flushed to disk).</summary>
    public void Append(string @event, string jobId, string? detail = null)
    {
        string line = $"{DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)} {@event} {jobId}{(string.IsNullOrEmpty(detail) ? "" : " " + detail.ReplaceLineEndings(" "))}\n";
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.UTF8.GetBytes(line));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The events so far as (event, job id) pairs, oldest first; empty when there is no ledger.</summary>
    public List<(string Event, string JobId)> Read()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        return [.. File.ReadAllLines(_path)
            .Select(l => l.Split(' ', 4))
            .Where(f => f.Length >= 3)
            .Select(f => (f[1], f[2]))];
    }

    /// <summary>Ids whose outcome was used or that were cancelled.</summary>
    public HashSet<string> ConsumedIds() => [.. Read().Where(e => e.Event == Consumed).Select(e => e.JobId)];

    /// <summary>The newest submitted or adopted id that is neither consumed nor known to be foreign, or null.</summary>
    public string? OpenJobId()
    {
        var events = Read();
        var closed = events.Where(e => e.Event is Consumed or Foreign).Select(e => e.JobId).ToHashSet(StringComparer.Ordinal);
        return events.LastOrDefault(e => e.Event is Submitted or Adopted && !closed.Contains(e.JobId)).JobId;
    }
}
