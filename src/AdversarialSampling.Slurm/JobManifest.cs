using System.Globalization;
using System.Text.Json;

namespace AdversarialSampling.Slurm;

/// <summary>
/// The result manifest a job writes atomically (temporary file, sync, rename) into its work directory after the
/// program exited: <c>{"format":1,"key":"…","exit_code":N,"job_id":"…","host":"…","started_utc":"…","finished_utc":"…"}</c>.
/// Its presence — with the call's key inside — is what says that the program ran to its end.
/// </summary>
/// <param name="Key">The oracle-call key the job ran for.</param>
/// <param name="ExitCode">The program's exit code.</param>
/// <param name="JobId">The SLURM job id that wrote it.</param>
/// <param name="Elapsed">The program's run time when the times parse, otherwise null.</param>
internal sealed record JobManifest(string Key, int ExitCode, string JobId, TimeSpan? Elapsed)
{
    /// <summary>The manifest's file name in the work directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>Reads the manifest of a work directory.</summary>
    /// <param name="directory">The work directory.</param>
    /// <param name="key">The key it must name.</param>
    /// <param name="problem">Why an existing manifest was not accepted (unreadable, other key), otherwise null.</param>
    /// <returns>The manifest, or null when there is none or it was not accepted.</returns>
    public static JobManifest? TryRead(string directory, string key, out string? problem)
    {
        problem = null;
        string path = Path.Combine(directory, FileName);
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"the manifest '{path}' could not be read: {e.Message}";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            string found = root.GetProperty("key").GetString() ?? "";
            if (!string.Equals(found, key, StringComparison.Ordinal))
            {
                problem = $"the manifest '{path}' names the key {found}, not {key}";
                return null;
            }

            int exitCode = root.GetProperty("exit_code").GetInt32();
            string jobId = root.TryGetProperty("job_id", out var j) ? j.GetString() ?? "" : "";
            TimeSpan? elapsed = null;
            if (root.TryGetProperty("started_utc", out var s) && root.TryGetProperty("finished_utc", out var f)
                && DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
                && DateTimeOffset.TryParse(f.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var finished))
            {
                elapsed = finished - started;
            }

            return new JobManifest(key, exitCode, jobId, elapsed);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = $"the manifest '{path}' is not a valid manifest: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Moves a harvested (or rejected) manifest aside (<c>manifest-JOBID.json</c>), so that it is never harvested twice:
    /// a later attempt for the same key (a deliberate retry) runs a new job.
    /// </summary>
    /// <param name="directory">The work directory.</param>
    /// <param name="suffix">Suffix of the new name (the job id, or "rejected").</param>
    public static void SetAside(string directory, string suffix)
    {
        string path = Path.Combine(directory, FileName);
        string target = Path.Combine(directory, $"manifest-{suffix}-{DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}.json");
        File.Move(path, target, overwrite: true);
    }
}
