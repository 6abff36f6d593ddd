using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Cli.Tests;

[Collection("Cli")]
public class AttackCommandTests
{
    /// <summary>Left-basin double-well points (z frozen) written with ASE-style labels, and a committee trained on them by the CLI.</summary>
    private static (string Data, string Committee) Setup(string dir)
    {
        var data = DoubleWell2D.InitialTrainingSet(points: 200, seed: 5);
        string path = Path.Combine(dir, "basin.extxyz");
        ExtendedXyzWriter.WriteSamples(path, data);
        string committee = Path.Combine(dir, "committee");
        var (code, _, stderr) = CliRunner.Run(
            "train", "--data", path, "--members", "3", "--out", committee, "--epochs", "5", "--batch-size", "8",
            "--learning-rate", "0.01", "--width", "8", "--depth", "3", "--components", "0,1", "--threads", "1");
        Assert.True(code == 0, stderr);
        return (path, committee);
    }

    [Fact]
    public void Attack_Seeds_WritesEveryStartWithTheContractKeys()
    {
        string dir = CliRunner.TempDirectory();
        var (data, committee) = Setup(dir);
        string output = Path.Combine(dir, "attacked.extxyz");

        var (code, stdout, stderr) = CliRunner.Run(
            "attack", "--committee", committee, "--seeds", data, "--out", output,
            "--steps", "20", "--lr", "0.01", "--kT-eV", "2", "--delta-std", "0.02", "--starts", "2", "--threads", "1");

        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        var seeds = ExtendedXyzReader.ReadFrames(data).ToList();
        var frames = ExtendedXyzReader.ReadFrames(output).ToList();
        Assert.Contains($"wrote {2 * seeds.Count} frames", stdout, StringComparison.Ordinal);
        Assert.Equal(2 * seeds.Count, frames.Count);
        using var loaded = TorchCommittee.Load(committee);
        var seedVariance = new ForceVariance().EvaluateAll(loaded.Predict([.. seeds.Select(f => f.Structure)]));
        for (int i = 0; i < frames.Count; i++)
        {
            var info = frames[i].Info;
            Assert.Equal((long)(i / 2), info["seed_index"]);
            Assert.Equal((long)(i % 2), info["attack_start"]);
            foreach (var key in new[] { "committee_energy", "committee_energy_var", "committee_force_var", "committee_force_var_max", "attack_log_objective" })
            {
                Assert.True(double.IsFinite(Convert.ToDouble(info[key], System.Globalization.CultureInfo.InvariantCulture)), key);
            }

            Assert.Equal(seedVariance[i / 2], (double)info["seed_committee_force_var"], 1e-9);
            Assert.True(Enum.TryParse<AdversarialSampling.Attacks.AttackExitReason>((string)info["attack_exit"], out _));
            Assert.True(frames[i].Arrays.ContainsKey("committee_forces"));
            Assert.False(info.ContainsKey("energy"));
            Assert.Equal(seeds[i / 2].Structure.Positions[2], frames[i].Structure.Positions[2]);
            Assert.True(frames[i].Structure.FrozenMask()[2]);
        }

        Assert.True(frames.Average(f => (double)f.Info["committee_force_var"]) > seedVariance.Average());
    }

    [Fact]
    public void Attack_EnergyMetricWithBestStartPerSeed_WritesOneFramePerSeedWithTheHighestObjective()
    {
        string dir = CliRunner.TempDirectory();
        var (data, committee) = Setup(dir);
        string all = Path.Combine(dir, "all.extxyz"), best = Path.Combine(dir, "best.extxyz");
        string[] common = ["attack", "--committee", committee, "--seeds", data, "--steps", "10", "--lr", "0.01", "--kT-eV", "2",
            "--delta-std", "0.05", "--starts", "3", "--metric", "energy", "--threads", "1"];

        var (code1, _, stderr1) = CliRunner.Run([.. common, "--out", all]);
        var (code2, stdout2, stderr2) = CliRunner.Run([.. common, "--out", best, "--best-start-per-seed"]);

        Assert.True(code1 == 0, stderr1);
        Assert.True(code2 == 0, stderr2);
        Assert.Contains("EnergyVariance", stdout2, StringComparison.Ordinal);
        var everyStart = ExtendedXyzReader.ReadFrames(all).ToList();
        var kept = ExtendedXyzReader.ReadFrames(best).ToList();
        int seeds = ExtendedXyzReader.ReadFrames(data).Count();
        Assert.Equal(3 * seeds, everyStart.Count);
        Assert.Equal(seeds, kept.Count);
        for (int i = 0; i < seeds; i++)
        {
            Assert.Equal((long)i, kept[i].Info["seed_index"]);
            double highest = everyStart.Where(f => (long)f.Info["seed_index"] == i).Max(f => (double)f.Info["attack_log_objective"]);
            Assert.Equal(highest, (double)kept[i].Info["attack_log_objective"]);
        }
    }

    [Fact]
    public void Attack_UnknownMetric_ExitsNonZero()
    {
        var (code, _, stderr) = CliRunner.Run("attack", "--committee", "c", "--seeds", "s.extxyz", "--out", "o.extxyz", "--metric", "entropy");
        Assert.NotEqual(0, code);
        Assert.Contains("entropy", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Attack_DefaultPresetWithBox_KeepsEveryFrameInside()
    {
        string dir = CliRunner.TempDirectory();
        var (data, committee) = Setup(dir);
        string output = Path.Combine(dir, "attacked.extxyz");

        var (code, _, stderr) = CliRunner.Run(
            "attack", "--committee", committee, "--seeds", data, "--training", data, "--out", output,
            "--steps", "40", "--lr", "0.05", "--temperature-K", "1e6", "--box", "-1,-0.5,-0.4,0.4,-inf,inf", "--threads", "1");

        Assert.True(code == 0, stderr);
        var box = new AdversarialSampling.Attacks.AttackBox(-1, -0.5, -0.4, 0.4, double.NegativeInfinity, double.PositiveInfinity);
        Assert.All(ExtendedXyzReader.ReadFrames(output), f => Assert.True(box.Contains(f.Structure)));
    }

    [Fact]
    public void Attack_UnlabelledSeedsWithoutTraining_ExitsNonZeroNamingTheOption()
    {
        string dir = CliRunner.TempDirectory();
        var (_, committee) = Setup(dir);
        string seeds = Path.Combine(dir, "seeds.extxyz");
        ExtendedXyzWriter.WriteFrames(seeds, [new ExtendedXyzFrame(DoubleWell2D.Particle(-0.7, 0.1))]);

        var (code, _, stderr) = CliRunner.Run("attack", "--committee", committee, "--seeds", seeds, "--out", Path.Combine(dir, "out.extxyz"));

        Assert.Equal(1, code);
        Assert.Contains("--training", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "out.extxyz")));
    }

    [Fact]
    public void Attack_TwoTemperatures_ExitsNonZero()
    {
        string dir = CliRunner.TempDirectory();
        var (data, committee) = Setup(dir);

        var (code, _, stderr) = CliRunner.Run("attack", "--committee", committee, "--seeds", data, "--out", Path.Combine(dir, "o.extxyz"), "--kT-eV", "1", "--temperature-K", "300");

        Assert.Equal(1, code);
        Assert.Contains("--kT-eV or --temperature-K", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Attack_OneSoftMode_MovesEveryStartOfASeedAlongOneLine()
    {
        string dir = CliRunner.TempDirectory();
        var (data, committee) = Setup(dir);
        string output = Path.Combine(dir, "soft.extxyz");

        var (code, _, stderr) = CliRunner.Run(
            "attack", "--committee", committee, "--seeds", data, "--out", output, "--steps", "10", "--lr", "0.01",
            "--kT-eV", "2", "--delta-std", "0.02", "--starts", "3", "--soft-modes", "1", "--threads", "1");

        Assert.True(code == 0, stderr);
        var seeds = ExtendedXyzReader.ReadFrames(data).ToList();
        var frames = ExtendedXyzReader.ReadFrames(output).ToList();
        for (int s = 0; s < 20; s++)
        {
            // z is frozen, so the single mode lies in the (x, y) plane and the three starts' displacements are parallel.
            var d = Enumerable.Range(0, 3).Select(k => frames[(3 * s) + k].Structure.Positions.Take(2).Select((x, i) => x - seeds[s].Structure.Positions[i]).ToArray()).ToArray();
            double Sine(double[] a, double[] b) => Math.Abs((a[0] * b[1]) - (a[1] * b[0])) / Math.Sqrt(((a[0] * a[0]) + (a[1] * a[1])) * ((b[0] * b[0]) + (b[1] * b[1])));
            Assert.True(Sine(d[0], d[1]) < 1e-5 && Sine(d[0], d[2]) < 1e-5, $"seed {s}: the starts moved along different lines"); // float32 committee
        }
    }

    [Fact]
    public void Help_DocumentsTheAttackOptionsWithUnits()
    {
        var (code, stdout, _) = CliRunner.Run("attack", "--help");
        Assert.Equal(0, code);
        foreach (var text in new[] { "--steps", "--lr", "--kT-eV", "--temperature-K", "--delta-std", "--epsilon", "--starts", "--soft-modes", "(Å)", "(eV)", "Default:" })
        {
            Assert.Contains(text, stdout, StringComparison.Ordinal);
        }
    }
}
