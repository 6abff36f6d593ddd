using System.Globalization;
using System.Text;
using AdversarialSampling.Oracles;

namespace AdversarialSampling.Slurm;

/// <summary>
/// Writes the batch script of one oracle call: resource directives, the job name and comment derived from the key,
/// the setup lines, then exactly the command line a local <see cref="ProcessOracle"/> would run (same executable,
/// arguments and environment, standard output and error into the same files), then the result manifest, written
/// atomically. A job that is killed (time limit, scancel, node failure) writes no manifest.
/// </summary>
internal static class SlurmJobScript
{
    /// <summary>The script's file name in the work directory.</summary>
    public const string FileName = "job.sh";

    /// <summary>The script text (<paramref name="comment"/> without spaces: it is read back from <c>scontrol -o</c>).</summary>
    public static string Build(ProcessLaunch launch, SlurmOptions options, string jobName, string comment, string directory)
    {
        string key = launch.Key.Value;
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={jobName}\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --comment={comment}\n");
        s.Append("#SBATCH --nodes=1\n#SBATCH --ntasks=1\n");
        s.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={options.CpusPerTask}\n");
        if (options.Partition is { } partition)
        {
            s.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}\n");
        }

        if ((options.TimeLimit ?? launch.Timeout) is { } limit)
        {
            s.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={Math.Max(1, (long)Math.Ceiling(limit.TotalMinutes))}\n");
        }

        if (options.MemoryMb is { } memory)
        {
            s.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={memory}\n");
        }

        foreach (string directive in options.ExtraDirectiveLines())
        {
            s.Append(directive).Append('\n');
        }

        s.Append(CultureInfo.InvariantCulture, $"# Oracle call {key} ({launch.OracleName}), written by AdversarialSampling.Slurm.\n");
        s.Append("# The program runs as a local ProcessOracle would run it; the manifest (not the job state) says it finished.\n");
        s.Append(CultureInfo.InvariantCulture, $"cd {Quote(directory)} || exit 90\n");
        s.Append("started=$(date -u +%Y-%m-%dT%H:%M:%SZ)\n");
        s.Append("terminated=0\ntrap 'terminated=1' TERM INT\n");
        if (options.SetupLines.Count > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $"trap 'echo \"adversarial-sampling: a setup line failed\" >&2; exit {SlurmJobClassifier.SetupFailureExitCode}' ERR\n");
            foreach (string line in options.SetupLines)
            {
                s.Append(line).Append('\n');
            }

            s.Append("trap - ERR\n");
        }

        foreach (var (name, value) in launch.Environment)
        {
            s.Append(CultureInfo.InvariantCulture, $"export {name}={Quote(value)}\n");
        }

        s.Append(Quote(launch.Program));
        foreach (string argument in launch.Arguments)
        {
            s.Append(' ').Append(Quote(argument));
        }

        s.Append(CultureInfo.InvariantCulture, $" < /dev/null > {Quote(ProcessOracle.StdoutFileName)} 2> {Quote(ProcessOracle.StderrFileName)}\n");
        s.Append("code=$?\n");
        s.Append("# Killed (time limit, scancel): no manifest; the scheduler's state classifies the failure.\n");
        s.Append("if [ \"$terminated\" = 1 ]; then exit 143; fi\n");
        s.Append("finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)\n");
        s.Append(CultureInfo.InvariantCulture, $"tmp={Quote(JobManifest.FileName)}.tmp.$$\n");
        s.Append(CultureInfo.InvariantCulture,
            $"printf '{{\"format\":1,\"key\":\"%s\",\"exit_code\":%d,\"job_id\":\"%s\",\"host\":\"%s\",\"started_utc\":\"%s\",\"finished_utc\":\"%s\"}}\\n' \\\n  {Quote(key)} \"$code\" \"${{SLURM_JOB_ID:-}}\" \"$(hostname)\" \"$started\" \"$finished\" > \"$tmp\" || exit 92\n");
        s.Append("sync \"$tmp\" 2>/dev/null\n");
        s.Append(CultureInfo.InvariantCulture, $"mv -f \"$tmp\" {Quote(JobManifest.FileName)} || exit 92\n");
        s.Append("sync . 2>/dev/null\n");
        s.Append("exit 0\n");
        return s.ToString();
    }

    /// <summary>Single-quotes a word for bash.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
