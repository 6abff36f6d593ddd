using AdversarialSampling.Oracles;

namespace AdversarialSampling.Slurm.Tests;

/// <summary>The batch script: resources, name and comment from the key, the oracle's own command line, an atomic manifest.</summary>
public sealed class SlurmJobScriptTests : IDisposable
{
    private readonly string _dir = TestKit.NewDirectory("as-slurm-script-");

    public void Dispose() => TestKit.DeleteDirectory(_dir);

    [Fact]
    public void Build_WithResources_WritesEveryDirectiveAndTheKeyInNameAndComment()
    {
        var launch = TestKit.Launch("/usr/bin/xtb", ["mol.xyz", "--gfn", "2"]) with { Timeout = TimeSpan.FromSeconds(61) };
        var options = new SlurmOptions
        {
            WorkRoot = _dir, Partition = "short", CpusPerTask = 4, MemoryMb = 2000,
            ExtraDirectives = ["--account=chem", "#SBATCH --qos=low"], SetupLines = ["module load xtb"],
        };

        string script = SlurmJobScript.Build(launch, options, "as-" + launch.Key.Value, "adversarial-sampling:" + launch.Key.Value, _dir);

        Assert.Contains($"#SBATCH --job-name=as-{launch.Key.Value}\n", script, StringComparison.Ordinal);
        Assert.Contains($"#SBATCH --comment=adversarial-sampling:{launch.Key.Value}\n", script, StringComparison.Ordinal);
        foreach (string line in new[] { "--cpus-per-task=4", "--partition=short", "--time=2", "--mem=2000", "--account=chem", "--qos=low" })
        {
            Assert.Contains("#SBATCH " + line + "\n", script, StringComparison.Ordinal);
        }

        Assert.Contains("module load xtb\n", script, StringComparison.Ordinal);
        Assert.Contains("'/usr/bin/xtb' 'mol.xyz' '--gfn' '2' < /dev/null > 'stdout.txt' 2> 'stderr.txt'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TimeLimitOption_OverridesTheOracleTimeout()
    {
        var launch = TestKit.Launch("/bin/true", []) with { Timeout = TimeSpan.FromHours(3) };

        string script = SlurmJobScript.Build(launch, new SlurmOptions { WorkRoot = _dir, TimeLimit = TimeSpan.FromSeconds(10) }, "as-x", "c", _dir);

        Assert.Contains("#SBATCH --time=1\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_RunOutsideSlurm_RunsTheCommandAndWritesTheManifestWithExitCodeAndKey()
    {
        var launch = TestKit.Launch("/bin/sh", ["-c", "echo \"it's $GREETING\"; echo oops >&2; exit 7"], environment: ("GREETING", "a 'quoted' value"));
        File.WriteAllText(Path.Combine(_dir, "job.sh"), SlurmJobScript.Build(launch, new SlurmOptions { WorkRoot = _dir }, "as-x", "c", _dir));

        var (exit, _) = TestKit.Run("/bin/bash", Path.Combine(_dir, "job.sh"));

        Assert.Equal(0, exit);
        Assert.Equal("it's a 'quoted' value\n", File.ReadAllText(Path.Combine(_dir, ProcessOracle.StdoutFileName)));
        Assert.Equal("oops\n", File.ReadAllText(Path.Combine(_dir, ProcessOracle.StderrFileName)));
        var manifest = JobManifest.TryRead(_dir, launch.Key.Value, out string? problem);
        Assert.Null(problem);
        Assert.Equal(7, manifest!.ExitCode);
        Assert.Empty(Directory.GetFiles(_dir, "manifest.json.tmp*"));
    }

    [Fact]
    public void Script_FailingSetupLine_ExitsWith91AndWritesNoManifest()
    {
        var launch = TestKit.Launch("/bin/true", []);
        var options = new SlurmOptions { WorkRoot = _dir, SetupLines = ["echo setting up", "false", "echo never"] };
        File.WriteAllText(Path.Combine(_dir, "job.sh"), SlurmJobScript.Build(launch, options, "as-x", "c", _dir));

        var (exit, output) = TestKit.Run("/bin/bash", Path.Combine(_dir, "job.sh"));

        Assert.Equal(SlurmJobClassifier.SetupFailureExitCode, exit);
        Assert.DoesNotContain("never", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, JobManifest.FileName)));
    }

    [Fact]
    public void TryRead_ManifestOfAnotherKey_IsRejectedWithAReason()
    {
        File.WriteAllText(Path.Combine(_dir, JobManifest.FileName), "{\"format\":1,\"key\":\"other\",\"exit_code\":0,\"job_id\":\"3\"}");

        Assert.Null(JobManifest.TryRead(_dir, "mine", out string? problem));
        Assert.Contains("other", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_GarbageManifest_IsRejectedWithAReason()
    {
        File.WriteAllText(Path.Combine(_dir, JobManifest.FileName), "{\"key\":");

        Assert.Null(JobManifest.TryRead(_dir, "mine", out string? problem));
        Assert.NotNull(problem);
    }
}
