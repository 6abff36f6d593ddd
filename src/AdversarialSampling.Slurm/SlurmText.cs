using System.Globalization;
using System.Text.RegularExpressions;

namespace AdversarialSampling.Slurm;

/// <summary>
/// Parses the text output of the SLURM client commands (reliability.md §5: <c>squeue --json</c> ignores filters and
/// <c>scontrol --json</c> does not exist on 22.05, so text it is).
/// </summary>
internal static partial class SlurmText
{
    /// <summary>The <c>squeue -o</c> format the dispatcher uses: id, name, state, reason, comment.</summary>
    public const string SqueueFormat = "%i|%j|%T|%r|%k";

    /// <summary>The <c>sacct --format</c> the dispatcher uses (with <c>-P</c>: '|'-separated).</summary>
    public const string SacctFormat = "JobID,JobName,State,ExitCode";

    /// <summary>The job id printed by <c>sbatch --parsable</c> ("1234" or "1234;cluster"), or null.</summary>
    /// <param name="stdout">Standard output of sbatch.</param>
    /// <returns>The id, or null when there is none.</returns>
    public static string? ParseSbatch(string stdout)
    {
        var match = SbatchId().Match(stdout);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Jobs of <c>squeue -h -o '%i|%j|%T|%r|%k'</c> output (blank lines skipped, malformed ones ignored).</summary>
    /// <param name="stdout">Standard output of squeue.</param>
    /// <returns>The jobs.</returns>
    public static List<SlurmJob> ParseSqueue(string stdout)
    {
        var jobs = new List<SlurmJob>();
        foreach (string line in Lines(stdout))
        {
            var f = line.Split('|', 5);
            if (f.Length >= 3 && f[0].Trim().Length > 0)
            {
                jobs.Add(new SlurmJob(f[0].Trim(), f[1].Trim(), NormalizeState(f[2]), f.Length > 3 ? f[3].Trim() : "", f.Length > 4 ? f[4].Trim() : ""));
            }
        }

        return jobs;
    }

    /// <summary>The job of <c>scontrol show job ID -o</c> output (one line of <c>Key=Value</c> fields), or null.</summary>
    /// <param name="stdout">Standard output of scontrol.</param>
    /// <returns>The job, or null when the output holds none.</returns>
    public static SlurmJob? ParseScontrol(string stdout)
    {
        string? line = Lines(stdout).FirstOrDefault(l => l.Contains("JobId=", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        string Field(string name)
        {
            var match = Regex.Match(line, @"(?:^|\s)" + name + @"=(\S*)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return match.Success ? match.Groups[1].Value : "";
        }

        string id = Field("JobId");
        return id.Length == 0 ? null : new SlurmJob(id, Field("JobName"), NormalizeState(Field("JobState")), Field("Reason"), Field("Comment"), NullIfEmpty(Field("ExitCode")));
    }

    /// <summary>Jobs of <c>sacct -P -n -X --format=JobID,JobName,State,ExitCode</c> output.</summary>
    /// <param name="stdout">Standard output of sacct.</param>
    /// <returns>The jobs (no comment: sacct does not report it here).</returns>
    public static List<SlurmJob> ParseSacct(string stdout)
    {
        var jobs = new List<SlurmJob>();
        foreach (string line in Lines(stdout))
        {
            var f = line.Split('|');
            if (f.Length >= 3 && f[0].Trim().Length > 0 && !f[0].Contains('.', StringComparison.Ordinal))
            {
                jobs.Add(new SlurmJob(f[0].Trim(), f[1].Trim(), NormalizeState(f[2]), "", "", f.Length > 3 ? NullIfEmpty(f[3].Trim()) : null));
            }
        }

        return jobs;
    }

    /// <summary>"CANCELLED by 0" → "CANCELLED"; "running" → "RUNNING".</summary>
    /// <param name="state">A state as printed.</param>
    /// <returns>The bare upper-case state.</returns>
    public static string NormalizeState(string state)
    {
        string trimmed = state.Trim();
        int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? trimmed : trimmed[..space]).TrimEnd('+').ToUpperInvariant();
    }

    /// <summary>True when a command's output says that the controller could not be reached.</summary>
    /// <param name="output">Standard output and error.</param>
    /// <returns>True for an unreachable controller.</returns>
    public static bool IsControllerUnreachable(string output)
        => ControllerDown().IsMatch(output);

    /// <summary>True when sacct says that accounting is off ("Slurm accounting storage is disabled", exit 0 or 1).</summary>
    /// <param name="output">Standard output and error.</param>
    /// <returns>True when accounting is unavailable.</returns>
    public static bool IsAccountingDisabled(string output)
        => output.Contains("accounting storage is disabled", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the controller does not know a job id ("Invalid job id specified").</summary>
    /// <param name="output">Standard output and error.</param>
    /// <returns>True for an unknown (purged, forgotten, never used) id.</returns>
    public static bool IsInvalidJobId(string output)
        => output.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first line of a text, trimmed and at most 300 characters, for messages.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The line.</returns>
    public static string FirstLine(string text)
    {
        string line = Lines(text).FirstOrDefault()?.Trim() ?? "";
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private static IEnumerable<string> Lines(string text)
        => text.ReplaceLineEndings("\n").Split('\n').Where(l => l.Trim().Length > 0);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    [GeneratedRegex(@"^\s*(\d+)(?:;\S*)?\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SbatchId();

    [GeneratedRegex(
        "Unable to contact slurm controller|Socket timed out|Connection refused|Connection reset by peer|Broken pipe|missing socket error|slurm_msg_sendto|Zero Bytes were transmitted|Transport endpoint is not connected|Communication connection failure|connect failure|Slurm backup controller in standby mode|Slurm temporarily unable to accept job|Resource temporarily unavailable",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ControllerDown();
}
