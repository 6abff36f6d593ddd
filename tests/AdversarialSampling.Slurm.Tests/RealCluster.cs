using System.Diagnostics;
using System.Globalization;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>The cluster of tests/slurm/slurm-up.sh (SLURM_CONF and AS_SLURM_DIR from its env.sh).</summary>
internal static class RealCluster
{
    public static string Conf => Environment.GetEnvironmentVariable("SLURM_CONF")!;

    /// <summary>The scratch directory of the cluster (AS_SLURM_DIR, or the directory of SLURM_CONF).</summary>
    public static string Directory => Environment.GetEnvironmentVariable("AS_SLURM_DIR")!;

    private static string ControllerPidFile => Path.Combine(Directory, "run", "slurmctld.pid");

    /// <summary>States of a launcher's jobs for a key (finished ones too; other runs' jobs of the same key excluded).</summary>
    public static List<string> States(SlurmLauncher launcher, string key) => Jobs(launcher, key, "all");

    /// <summary>A launcher's live jobs for a key, as <c>squeue</c> without <c>-t all</c> lists them.</summary>
    public static List<string> LiveJobs(SlurmLauncher launcher, string key) => Jobs(launcher, key, null);

    /// <summary>
    /// The states of a launcher's jobs for a key once none is live any more (SLURM may still list a job COMPLETING after
    /// its result is back); waits up to 30 s, then returns what it sees.
    /// </summary>
    public static List<string> FinalStates(SlurmLauncher launcher, string key)
    {
        for (int i = 0; i < 150 && LiveJobs(launcher, key).Count > 0; i++)
        {
            Thread.Sleep(200);
        }

        return States(launcher, key);
    }

    /// <summary>
    /// Cancels every live job that does not belong to <paramref name="launcher"/>'s work root (among those
    /// <see cref="MayCancel"/> allows), as an administrator
    /// would after a controller crash: a restarted slurmctld recovers its last saved state, which may list other tests'
    /// finished jobs as RUNNING and keep the node busy with them.
    /// </summary>
    public static void CancelForeignJobs(SlurmLauncher launcher)
    {
        string tag = launcher.JobComment("")[launcher.JobComment("").LastIndexOf('@')..];
        CancelLiveJobs(comment => !comment.EndsWith(tag, StringComparison.Ordinal));
    }

    /// <summary>
    /// Cancels every live job on the cluster left by an earlier test (see <see cref="MayCancel"/>) and waits up to 30 s
    /// until none is listed.
    /// </summary>
    public static void CancelAllLiveJobs()
    {
        for (int i = 0; i < 150 && CancelLiveJobs(_ => true) > 0; i++)
        {
            Thread.Sleep(200);
        }
    }

    private static int CancelLiveJobs(Func<string, bool> cancel)
    {
        var (exit, output) = TestKit.Run("squeue", "-h", "-o", "%i|%k|%Z");
        if (exit != 0)
        {
            return 0;
        }

        var ids = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|', 3))
            .Where(f => f.Length == 3 && MayCancel(f[2]) && cancel(f[1]))
            .Select(f => f[0])
            .ToArray();
        if (ids.Length > 0)
        {
            TestKit.Run("scancel", ids);
        }

        return ids.Length;
    }

    /// <summary>
    /// Whether a job, by its working directory (sbatch --chdir), is this project's to cancel: one of its own (in a
    /// TestKit.NewDirectory("as-slurm-…") directory), or one whose directory is gone (its test has finished). The CLI
    /// tests share the cluster and run at the same time; their live jobs are left alone.
    /// </summary>
    private static bool MayCancel(string workDirectory)
        => workDirectory.StartsWith(Path.Combine(Path.GetTempPath(), "as-slurm-"), StringComparison.Ordinal) || !System.IO.Directory.Exists(workDirectory);

    /// <summary>The state of one job id.</summary>
    public static string State(string id)
    {
        var (exit, output) = TestKit.Run("squeue", "-h", "-t", "all", "-j", id, "-o", "%T");
        Assert.True(exit == 0, output);
        return output.Trim();
    }

    private static List<string> Jobs(SlurmLauncher launcher, string key, string? states)
    {
        string[] args = ["-h", .. states is null ? Array.Empty<string>() : ["-t", states], "--name=" + launcher.JobName(key), "-o", "%T|%k"];
        var (exit, output) = TestKit.Run("squeue", args);
        Assert.True(exit == 0, output);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|'))
            .Where(f => f.Length == 2 && f[1] == launcher.JobComment(key))
            .Select(f => f[0])];
    }

    /// <summary>Submits a job that only sleeps; returns its id.</summary>
    public static string SubmitSleeper(string name, string directory, int seconds)
    {
        var (exit, output) = TestKit.Run("sbatch", "--parsable", "--job-name=" + name, "--chdir=" + directory, "--output=/dev/null", "--wrap=sleep " + seconds.ToString(CultureInfo.InvariantCulture));
        Assert.True(exit == 0, output);
        return output.Trim().Split(';')[0];
    }

    public static void Cancel(string id) => TestKit.Run("scancel", id);

    /// <summary>SIGKILLs slurmctld (by its PID file).</summary>
    public static void KillController()
    {
        int pid = int.Parse(File.ReadAllText(ControllerPidFile).Trim(), CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Starts slurmctld again (recovering its saved state) unless it runs; waits until it answers.</summary>
    public static void EnsureController()
    {
        if (!ControllerAlive())
        {
            var (exit, output) = TestKit.Run("slurmctld", "-f", Conf);
            Assert.True(exit == 0, "slurmctld did not start: " + output);
        }

        for (int i = 0; i < 100; i++)
        {
            if (TestKit.Run("squeue", "-h", "-o", "%i").ExitCode == 0)
            {
                return;
            }

            Thread.Sleep(200);
        }

        Assert.Fail("slurmctld does not answer");
    }

    /// <summary>
    /// Resumes the node when SLURM drained it — after a SIGKILL of slurmctld, the restarted controller may launch a job
    /// that already ran and drain the node with "Duplicate jobid"; an administrator resumes it, and so do the tests.
    /// </summary>
    public static void ResumeNodeIfDrained()
    {
        var (_, output) = TestKit.Run("sinfo", "-h", "-o", "%n|%T");
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length == 2 && (fields[1].StartsWith("drain", StringComparison.Ordinal) || fields[1].StartsWith("down", StringComparison.Ordinal)))
            {
                TestKit.Run("scontrol", "update", "nodename=" + fields[0], "state=resume");
            }
        }
    }

    private static bool ControllerAlive()
    {
        try
        {
            int pid = int.Parse(File.ReadAllText(ControllerPidFile).Trim(), CultureInfo.InvariantCulture);
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.ProcessName.StartsWith("slurmctld", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
