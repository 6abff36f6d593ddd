using System.Globalization;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>
/// A private copy of the fake SLURM commands (FakeSlurm/*.sh semantics in fake-lib.sh) in a temporary directory, with
/// helpers to script the next submissions and to inspect what the dispatcher asked.
/// </summary>
internal sealed class FakeSlurm : IDisposable
{
    private static readonly string[] Commands = ["sbatch", "squeue", "scontrol", "sacct", "scancel", "fake-lib.sh"];

    public FakeSlurm()
    {
        Root = Path.Combine(Path.GetTempPath(), "as-fake-slurm-" + Guid.NewGuid().ToString("N"));
        Bin = Path.Combine(Root, "bin");
        Directory.CreateDirectory(Path.Combine(Bin, "state", "jobs"));
        foreach (string command in Commands)
        {
            string target = Path.Combine(Bin, command);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "FakeSlurm", command), target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        WorkRoot = Path.Combine(Root, "work");
    }

    public string Root { get; }

    public string Bin { get; }

    public string WorkRoot { get; }

    public string State => Path.Combine(Bin, "state");

    /// <summary>Launcher options over the fakes, polling fast.</summary>
    public SlurmOptions Options(Func<SlurmOptions, SlurmOptions>? change = null)
    {
        var options = new SlurmOptions
        {
            WorkRoot = WorkRoot,
            CommandDirectory = Bin,
            PollInterval = TimeSpan.FromMilliseconds(20),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(40),
            ControllerOutageTolerance = TimeSpan.FromSeconds(30),
            ManifestGracePeriod = TimeSpan.FromMilliseconds(100),
        };
        return change is null ? options : change(options);
    }

    /// <summary>Behaviours of the next submissions (run, live:N, die:STATE[:EXIT], held, forget).</summary>
    public void QueueJobs(params string[] behaviours) => File.AppendAllLines(Path.Combine(State, "job.queue"), behaviours);

    /// <summary>Results of the next sbatch calls (ok, down, reject).</summary>
    public void QueueSbatch(params string[] results) => File.AppendAllLines(Path.Combine(State, "sbatch.queue"), results);

    /// <summary>The controller is unreachable for the next <paramref name="commands"/> commands (null: until told otherwise).</summary>
    public void ControllerDown(int? commands) => File.WriteAllText(Path.Combine(State, "down"), commands?.ToString(CultureInfo.InvariantCulture) ?? "always");

    public void ControllerUp() => File.Delete(Path.Combine(State, "down"));

    public void Accounting(string mode) => File.WriteAllText(Path.Combine(State, "sacct"), mode);

    /// <summary>Adds a job as the controller knows it (e.g. a job submitted before a crash).</summary>
    public void AddJob(string id, string name, string state, string comment, string dir, string exitCode = "0:0", int runAfter = 0, bool purged = false, string reason = "None")
    {
        File.WriteAllText(Path.Combine(State, "jobs", id), $"{name}|{state}|{reason}|{comment}|{exitCode}|{dir}|{Path.Combine(dir, "job.sh")}|{runAfter}\n");
        if (purged)
        {
            File.WriteAllText(Path.Combine(State, "jobs", id + ".purged"), "");
        }
    }

    /// <summary>The job's line fields (name, state, reason, comment, exit code, dir, script, run-after).</summary>
    public string[] Job(string id) => File.ReadAllText(Path.Combine(State, "jobs", id)).Trim().Split('|');

    public IReadOnlyList<string> JobIds() => [.. Directory.GetFiles(Path.Combine(State, "jobs")).Select(Path.GetFileName).OfType<string>().Where(f => !f.EndsWith(".purged", StringComparison.Ordinal)).Order()];

    /// <summary>Command lines the dispatcher ran ("sbatch --parsable …").</summary>
    public IReadOnlyList<string> Calls(string command)
    {
        string log = Path.Combine(State, "calls.log");
        return File.Exists(log) ? [.. File.ReadAllLines(log).Where(l => l.StartsWith(command + " ", StringComparison.Ordinal) || l == command)] : [];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
