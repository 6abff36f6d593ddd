using System.Globalization;
using AdversarialSampling.IO;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Xtb;

namespace AdversarialSampling.Cli.Tests;

[Collection("Cli")]
public class LabelCommandTests
{
    // Two ammonia frames (one with an existing stale stress label) and, in between, one with an N–H distance of 0.1 Å.
    private const string ThreeFrames = """
        4
        Properties=species:S:1:pos:R:3 name=first stress="1 0 0 0 1 0 0 0 1"
        N 0.02 -0.01 0.12
        H 0.95 0.03 -0.24
        H -0.46 0.83 -0.27
        H -0.49 -0.80 -0.22
        4
        Properties=species:S:1:pos:R:3 name=broken
        N 0 0 0
        H 0.1 0 0
        H -0.47 0.814 -0.25
        H -0.47 -0.814 -0.25
        4
        Properties=species:S:1:pos:R:3 name=second
        N 0.0 0.0 0.1
        H 0.94 0.0 -0.25
        H -0.47 0.814 -0.25
        H -0.47 -0.814 -0.25

        """;

    private static async Task<string> InputWithXtbAsync(string dir)
    {
        var problem = await new XtbOracle().CheckSetupAsync();
        Assert.True(problem is null, $"These tests need the xtb program (Debian: apt-get install xtb; tests/run-tests.sh installs it): {problem?.Message}");
        string path = Path.Combine(dir, "in.extxyz");
        File.WriteAllText(path, ThreeFrames);
        return path;
    }

    [Fact]
    [Trait("Category", "Xtb")]
    public async Task Label_Xtb_WritesTheGoodFramesAndReportsTheBrokenOne()
    {
        string dir = CliRunner.TempDirectory();
        string input = await InputWithXtbAsync(dir);
        string output = Path.Combine(dir, "out.extxyz");

        var (code, stdout, stderr) = CliRunner.Run("label", "--oracle", "xtb", "--in", input, "--out", output, "--concurrency", "2", "--scratch", Path.Combine(dir, "scratch"));

        Assert.True(code == 0, stderr);
        Assert.Contains("labelled 2 of 3 frames with xtb 6.5.1; 1 failed (1 GeometryRejected)", stdout, StringComparison.Ordinal);
        Assert.StartsWith("frame 1: GeometryRejected: ", stderr, StringComparison.Ordinal);
        var inputs = ExtendedXyzReader.ReadFrames(input).ToList();
        var frames = ExtendedXyzReader.ReadFrames(output).ToList();
        Assert.Equal(["first", "second"], frames.Select(f => (string)f.Info["name"]));
        var oracle = new XtbOracle();
        foreach (var (frame, source) in frames.Zip([inputs[0], inputs[2]]))
        {
            var expected = await oracle.LabelAsync(source.Structure);
            Assert.Equal(expected.Sample!.Energy, frame.Energy);
            Assert.Equal(expected.Sample.Forces.ToArray(), frame.Forces.ToArray());
            Assert.Equal("xtb", frame.Info["oracle"]);
            Assert.Equal("6.5.1", frame.Info["oracle_version"]);
            Assert.False(frame.Info.ContainsKey("stress"));
            Assert.Equal(source.Structure.Positions.ToArray(), frame.Structure.Positions.ToArray());
        }
    }

    [Fact]
    [Trait("Category", "Xtb")]
    public async Task Label_Xtb_OutputReadsInAseWithEnergyForcesAndOracleKeys()
    {
        string dir = CliRunner.TempDirectory();
        string input = await InputWithXtbAsync(dir);
        string output = Path.Combine(dir, "out.extxyz");
        Assert.Equal(0, CliRunner.Run("label", "--oracle", "xtb", "--in", input, "--out", output, "--scratch", Path.Combine(dir, "scratch")).ExitCode);
        var frames = ExtendedXyzReader.ReadFrames(output).ToList();

        const string script = """
            import sys
            from ase.io import read
            for a in read(sys.argv[1], ":", format="extxyz"):
                f = a.get_forces()
                print(repr(float(a.get_potential_energy())), f.shape[0], f.shape[1], repr(float(f[0, 2])), a.info["oracle"], a.info["oracle_version"])
            """;
        var lines = CliRunner.RunPython(script, "the label output", output).TrimEnd('\n').Split('\n');

        Assert.Equal(frames.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var v = lines[i].Split(' ');
            Assert.Equal(frames[i].Energy, double.Parse(v[0], CultureInfo.InvariantCulture));
            Assert.Equal(["4", "3"], v[1..3]);
            Assert.Equal(frames[i].Forces[2], double.Parse(v[3], CultureInfo.InvariantCulture));
            Assert.Equal(["xtb", "6.5.1"], v[4..6]);
        }
    }

    [Fact]
    [Trait("Category", "Xtb")]
    public async Task Label_XtbWithoutGeometryGate_ReportsXtbsGarbageAsUnphysical()
    {
        string dir = CliRunner.TempDirectory();
        string input = await InputWithXtbAsync(dir);

        var (code, stdout, stderr) = CliRunner.Run("label", "--oracle", "xtb", "--in", input, "--out", Path.Combine(dir, "out.extxyz"), "--min-distance-factor", "0", "--scratch", Path.Combine(dir, "scratch"));

        Assert.True(code == 0, stderr);
        Assert.Contains("1 failed (1 UnphysicalResult)", stdout, StringComparison.Ordinal);
        Assert.StartsWith("frame 1: UnphysicalResult: xtb: Physics gate: force on atom", stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Xtb")]
    public async Task Label_XtbEveryFrameFails_ExitsFourAndWritesAnEmptyFile()
    {
        string dir = CliRunner.TempDirectory();
        string input = await InputWithXtbAsync(dir);
        string output = Path.Combine(dir, "out.extxyz");

        var (code, stdout, stderr) = CliRunner.Run("label", "--oracle", "xtb", "--in", input, "--out", output, "--max-iterations", "1", "--scratch", Path.Combine(dir, "scratch"));

        Assert.Equal(4, code);
        Assert.Contains("labelled 0 of 3 frames", stdout, StringComparison.Ordinal);
        Assert.Contains("frame 0: NonConvergence: ", stderr, StringComparison.Ordinal);
        Assert.Contains("frame 2: NonConvergence: ", stderr, StringComparison.Ordinal);
        Assert.Contains("error: no frame could be labelled (3 failed).", stderr, StringComparison.Ordinal);
        Assert.Empty(ExtendedXyzReader.ReadFrames(output));
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(dir, "scratch")).Length); // the failed xtb runs, kept for inspection (frame 1 never ran)
    }

    [Fact]
    public void Label_MissingXtb_ExitsOneNamingTheProgramAndWritesNothing()
    {
        string dir = CliRunner.TempDirectory();
        string input = Path.Combine(dir, "in.extxyz");
        File.WriteAllText(input, ThreeFrames);
        string output = Path.Combine(dir, "out.extxyz");

        var (code, _, stderr) = CliRunner.Run("label", "--oracle", "xtb", "--xtb", "/nonexistent/xtb", "--in", input, "--out", output);

        Assert.Equal(1, code);
        Assert.StartsWith("error: the oracle cannot run: xtb: the program '/nonexistent/xtb' does not exist", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Label_AnalyticOracle_LabelsEveryFrameWithItsEnergyAndForces()
    {
        string dir = CliRunner.TempDirectory();
        string input = Path.Combine(dir, "points.extxyz");
        var points = new[] { DoubleWell2D.Particle(-0.75, 0.1), DoubleWell2D.Particle(0.65, -0.2) };
        ExtendedXyzWriter.WriteFrames(input, points.Select(p => new ExtendedXyzFrame(p)));
        string output = Path.Combine(dir, "out.extxyz");

        var (code, stdout, stderr) = CliRunner.Run("label", "--oracle", "doublewell2d", "--in", input, "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("labelled 2 of 2 frames with DoubleWell2D 1; 0 failed", stdout, StringComparison.Ordinal);
        var frames = ExtendedXyzReader.ReadFrames(output).ToList();
        var potential = new DoubleWell2D();
        for (int i = 0; i < points.Length; i++)
        {
            var expected = potential.Compute(points[i]);
            Assert.Equal(expected.Energy, frames[i].Energy);
            Assert.Equal(expected.Forces.ToArray(), frames[i].Forces.ToArray());
            Assert.Equal("DoubleWell2D", frames[i].Info["oracle"]);
        }
    }

    [Fact]
    public void Label_InvalidConcurrency_ExitsOne()
    {
        string dir = CliRunner.TempDirectory();
        string input = Path.Combine(dir, "in.extxyz");
        File.WriteAllText(input, ThreeFrames);

        var (code, _, stderr) = CliRunner.Run("label", "--oracle", "doublewell1d", "--in", input, "--out", Path.Combine(dir, "o.extxyz"), "--concurrency", "0");

        Assert.Equal(1, code);
        Assert.Contains("--concurrency must be at least 1", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--oracle", "doublewell2d", "--slurm-work-root", "jobs" }, "error: --slurm-work-root runs a program (xtb) as batch jobs; the analytic surface 'doublewell2d' runs in process.")]
    [InlineData(new[] { "--oracle", "xtb", "--slurm-partition", "short" }, "error: --slurm-partition, --slurm-time-limit-min and --slurm-poll-s need --slurm-work-root.")]
    [InlineData(new[] { "--oracle", "xtb", "--slurm-work-root", "jobs", "--slurm-time-limit-min", "0.5" }, "error: --slurm-time-limit-min must be at least 1 minute (SLURM's resolution); found 0.5.")]
    [InlineData(new[] { "--oracle", "xtb", "--slurm-work-root", "jobs", "--slurm-poll-s", "0" }, "error: --slurm-poll-s must be at least 0.01 s; found 0.")]
    public void Label_SlurmFlagsMisused_ExitOneNamingTheFlagAndSubmitNothing(string[] flags, string expected)
    {
        string dir = CliRunner.TempDirectory();
        string input = Path.Combine(dir, "in.extxyz");
        File.WriteAllText(input, ThreeFrames);
        string output = Path.Combine(dir, "out.extxyz");

        var (code, _, stderr) = CliRunner.Run([.. new[] { "label", "--in", input, "--out", output }, .. flags]);

        Assert.Equal(1, code);
        Assert.Equal(expected, stderr.Trim());
        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "jobs")));
    }

    [AdversarialSampling.Slurm.Tests.SlurmFact]
    [Trait("Category", "Slurm")]
    public async Task Label_XtbThroughSlurm_WritesTheSameLabelsAsLocalXtb()
    {
        string dir = CliRunner.TempDirectory();
        string input = await InputWithXtbAsync(dir);
        string local = Path.Combine(dir, "local.extxyz"), slurm = Path.Combine(dir, "slurm.extxyz");

        var a = CliRunner.Run("label", "--oracle", "xtb", "--in", input, "--out", local);
        var b = CliRunner.Run("label", "--oracle", "xtb", "--in", input, "--out", slurm, "--concurrency", "3", "--slurm-work-root", Path.Combine(dir, "jobs"), "--slurm-time-limit-min", "5", "--slurm-poll-s", "0.5");

        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.True(b.ExitCode == 0, b.Stderr);
        Assert.Contains("frame 1: GeometryRejected", b.Stderr, StringComparison.Ordinal); // the gate stops it before any job
        var expected = ExtendedXyzReader.ReadFrames(local).ToList();
        var actual = ExtendedXyzReader.ReadFrames(slurm).ToList();
        Assert.Equal(2, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Energy, actual[i].Energy);
            Assert.Equal(expected[i].Forces.ToArray(), actual[i].Forces.ToArray());
            Assert.Equal(expected[i].Info["oracle_version"], actual[i].Info["oracle_version"]);
        }

        Assert.True(Directory.Exists(Path.Combine(dir, "jobs", "ledger")), "the jobs' ledger is kept under the work root");
    }

    [AdversarialSampling.Slurm.Tests.SlurmFact]
    [Trait("Category", "Slurm")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Label_ThroughSlurm_KilledAndRunAgain_AdoptsTheRunningJobsAndRunsEachFrameOnce()
    {
        string dir = CliRunner.TempDirectory();
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101); // the jobs run as the cluster's SlurmUser
        string input = await InputWithXtbAsync(dir);
        string output = Path.Combine(dir, "out.extxyz"), count = Path.Combine(dir, "count.txt");

        // xtb behind a wrapper that records each real calculation (its SLURM job id, or "local" for the setup probe the
        // command runs on this machine) and holds it for 6 s, so the command can be killed while both jobs run.
        string xtb = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "xtb")).First(File.Exists);
        string wrapper = Path.Combine(dir, "xtb-slow");
        File.WriteAllText(wrapper, $"#!/bin/bash\nif [[ \" $* \" == *\" --grad \"* ]]; then echo ${{SLURM_JOB_ID:-local}} >> '{count}'; sleep 6; fi\nexec '{xtb}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        string[] args = ["label", "--oracle", "xtb", "--xtb", wrapper, "--in", input, "--out", output, "--concurrency", "2", "--slurm-work-root", Path.Combine(dir, "jobs"), "--slurm-poll-s", "0.5", "--slurm-time-limit-min", "5"];

        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_EnableDiagnostics"] = "0"; // a killed runtime leaves its diagnostic pipes in /tmp
        foreach (string arg in args.Prepend(Path.Combine(AppContext.BaseDirectory, "adversarial-sampling.dll")))
        {
            start.ArgumentList.Add(arg);
        }

        using (var first = System.Diagnostics.Process.Start(start)!)
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (Jobs() < 2 && DateTime.UtcNow < deadline && !first.HasExited)
            {
                await Task.Delay(100);
            }

            if (first.HasExited)
            {
                Assert.Fail("the first command ended before both jobs ran: " + await first.StandardError.ReadToEndAsync());
            }

            first.Kill(entireProcessTree: true); // SIGKILL: no cleanup, the jobs keep running
            await first.WaitForExitAsync();
        }

        Assert.False(File.Exists(output));
        var again = CliRunner.Run(args);

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(2, ExtendedXyzReader.ReadFrames(output).Count());
        Assert.Equal(2, Jobs()); // each frame's xtb ran once, in the job the first command submitted: the second adopted both

        int Jobs() => File.Exists(count) ? File.ReadAllLines(count).Count(l => l != "local") : 0;
    }
}
