using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Cli.Tests;

[Collection("Cli")]
public class TrainPredictCommandTests
{
    private static string DoubleWellFile(string dir, int count = 30, bool withStray = false)
    {
        var rng = new Random(3);
        var samples = Enumerable.Range(0, count).Select(i =>
        {
            double x = -1.0 + (0.5 * rng.NextDouble()), y = -0.5 + rng.NextDouble();
            double e = (10 * Math.Pow(x, 4)) - (10 * x * x) + (2 * x) + (4 * Math.Pow(y, 4));
            double[] f = [-((40 * x * x * x) - (20 * x) + 2), -(16 * y * y * y), 0];
            return new LabelledSample(new AtomicStructure([1], [x, y, 0]), e, f, metadata: [new("index", (long)i)]);
        }).ToList();
        if (withStray)
        {
            samples.Add(new LabelledSample(new AtomicStructure([1, 1], [0, 0, 0, 1, 0, 0]), -1.0));
        }

        string path = Path.Combine(dir, "toy.extxyz");
        ExtendedXyzWriter.WriteSamples(path, samples);
        return path;
    }

    private static string TrainSmall(string dir, string data)
    {
        string committee = Path.Combine(dir, "committee");
        var (code, stdout, stderr) = CliRunner.Run(
            "train", "--data", data, "--model", "mlp", "--members", "3", "--out", committee,
            "--epochs", "4", "--batch-size", "8", "--learning-rate", "0.01", "--width", "8", "--depth", "3", "--components", "0,1", "--threads", "1");
        Assert.True(code == 0, $"train failed ({code}): {stderr}");
        Assert.Equal("", stderr);
        Assert.Contains("saved 3-member mlp committee", stdout, StringComparison.Ordinal);
        Assert.Contains("test energy RMSE", stdout, StringComparison.Ordinal);
        return committee;
    }

    [Fact]
    public void Train_ToyData_WritesALoadableCommitteeDirectory()
    {
        string dir = CliRunner.TempDirectory();
        string committee = TrainSmall(dir, DoubleWellFile(dir));

        Assert.True(File.Exists(Path.Combine(committee, CommitteeStore.ManifestFileName)));
        using var loaded = TorchCommittee.Load(committee);
        Assert.Equal(3, loaded.MemberCount);
        Assert.True(loaded.IsTrained);
        Assert.Equal(4, loaded.Options.Training.Epochs);
    }

    [Fact]
    public void Train_SchNetOnAFewAmmoniaFrames_WritesALoadableSchNetCommitteeThatPredicts()
    {
        string dir = CliRunner.TempDirectory();
        string data = Path.Combine(dir, "nh3.extxyz");
        var ammonia = ExtendedXyzReader.ReadDataset(Path.Combine(AppContext.BaseDirectory, "TestData", "ammonia-bp86.extxyz"));
        ExtendedXyzWriter.WriteSamples(data, [.. ammonia.Take(10), .. ammonia.Skip(100).Take(2)]);
        string committee = Path.Combine(dir, "schnet");

        var (code, stdout, stderr) = CliRunner.Run(
            "train", "--data", data, "--model", "schnet", "--members", "2", "--out", committee, "--cutoff", "4.5",
            "--epochs", "2", "--batch-size", "4", "--energy-weight", "0.1", "--force-weight", "1", "--seed", "3", "--threads", "1");

        Assert.True(code == 0, $"train failed ({code}): {stderr}");
        Assert.Equal("", stderr);
        Assert.Contains("saved 2-member schnet committee", stdout, StringComparison.Ordinal);
        Assert.Contains("force RMSE", stdout, StringComparison.Ordinal);
        using (var loaded = TorchCommittee.Load(committee))
        {
            var spec = Assert.IsType<AdversarialSampling.Models.SchNetSpec>(loaded.Spec);
            Assert.Equal(4.5, spec.Cutoff);
            Assert.Equal(2, loaded.MemberCount);
            Assert.True(loaded.IsTrained);
        }

        string output = Path.Combine(dir, "predicted.extxyz");
        var predicted = CliRunner.Run("predict", "--committee", committee, "--data", data, "--out", output);
        Assert.True(predicted.ExitCode == 0, predicted.Stderr);
        var frames = ExtendedXyzReader.ReadFrames(output).ToList();
        Assert.Equal(12, frames.Count);
        Assert.All(frames, f => Assert.True((double)f.Info["committee_force_var"] > 0));
        Assert.All(frames, f => Assert.Equal(4, f.Arrays["committee_forces"].Rows));
    }

    [Fact]
    public void Predict_KeepsLabelsAndAddsTheCommitteeKeys()
    {
        string dir = CliRunner.TempDirectory();
        string data = DoubleWellFile(dir, count: 20);
        string committee = TrainSmall(dir, data);
        string output = Path.Combine(dir, "predicted.extxyz");

        var (code, stdout, stderr) = CliRunner.Run("predict", "--committee", committee, "--data", data, "--out", output, "--batch-size", "7");

        Assert.True(code == 0, stderr);
        Assert.Contains("wrote 20 frames", stdout, StringComparison.Ordinal);
        var input = ExtendedXyzReader.ReadFrames(data).ToList();
        var frames = ExtendedXyzReader.ReadFrames(output).ToList();
        Assert.Equal(input.Count, frames.Count);
        using var loaded = TorchCommittee.Load(committee);
        var prediction = loaded.Predict([.. input.Select(f => f.Structure)]);
        for (int i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            Assert.Equal(input[i].Energy, frame.Energy);
            Assert.Equal(input[i].Forces.ToArray(), frame.Forces.ToArray());
            Assert.Equal((long)i, frame.Info["index"]);
            // float32 results depend slightly on the batch composition (--batch-size 7 vs one batch here).
            Assert.Equal(prediction[i].MeanEnergy, (double)frame.Info["committee_energy"], 1e-5);
            double energyVar = (double)frame.Info["committee_energy_var"];
            double forceVar = (double)frame.Info["committee_force_var"];
            double forceVarMax = (double)frame.Info["committee_force_var_max"];
            double expectedEnergyVar = prediction[i].MemberEnergies.Sum(e => Math.Pow(e - prediction[i].MeanEnergy, 2)) / 2;
            Assert.Equal(expectedEnergyVar, energyVar, 1e-5);
            Assert.True(forceVar > 0 && forceVarMax >= forceVar);
            var forces = frame.Arrays["committee_forces"];
            Assert.Equal(3, forces.Columns);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(prediction[i].MeanForces[k], forces.Reals[k], 1e-5);
            }
        }
    }

    [Fact]
    public void Predict_Output_ReadsInAseWithEveryKey()
    {
        string dir = CliRunner.TempDirectory();
        string data = DoubleWellFile(dir, count: 5);
        string committee = TrainSmall(dir, data);
        string output = Path.Combine(dir, "predicted.extxyz");
        Assert.Equal(0, CliRunner.Run("predict", "--committee", committee, "--data", data, "--out", output).ExitCode);
        var frames = ExtendedXyzReader.ReadFrames(output).ToList();

        const string script = """
            import sys
            from ase.io import read
            for a in read(sys.argv[1], ":", format="extxyz"):
                f = a.arrays["committee_forces"]
                print(repr(float(a.info["committee_energy"])), repr(float(a.info["committee_energy_var"])),
                      repr(float(a.info["committee_force_var"])), repr(float(a.info["committee_force_var_max"])),
                      f.shape[0], f.shape[1], repr(float(f[0, 0])), repr(float(a.get_potential_energy())))
            """;
        string stdout = CliRunner.RunPython(script, "the predict output", output);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(frames.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var v = lines[i].Split(' ');
            Assert.Equal((double)frames[i].Info["committee_energy"], double.Parse(v[0], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((double)frames[i].Info["committee_energy_var"], double.Parse(v[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((double)frames[i].Info["committee_force_var"], double.Parse(v[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((double)frames[i].Info["committee_force_var_max"], double.Parse(v[3], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("1", v[4]);
            Assert.Equal("3", v[5]);
            Assert.Equal(frames[i].Arrays["committee_forces"].Reals[0], double.Parse(v[6], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(frames[i].Energy, double.Parse(v[7], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Predict_FrameWithOtherAtomCount_ExitsNonZeroNamingTheFrame()
    {
        string dir = CliRunner.TempDirectory();
        string committee = TrainSmall(dir, DoubleWellFile(dir));
        string odd = Path.Combine(dir, "odd.extxyz");
        File.WriteAllText(odd, "1\nProperties=species:S:1:pos:R:3\nH 0 0 0\n2\nProperties=species:S:1:pos:R:3\nH 0 0 0\nH 1 0 0\n");
        string output = Path.Combine(dir, "out.extxyz");

        var (code, _, stderr) = CliRunner.Run("predict", "--committee", committee, "--data", odd, "--out", output);

        Assert.Equal(1, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("frame 1 has 2 atoms", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Predict_CorruptCommittee_ExitsNonZeroNamingTheFile()
    {
        string dir = CliRunner.TempDirectory();
        string data = DoubleWellFile(dir);
        string committee = TrainSmall(dir, data);
        string weights = Directory.GetFiles(committee, "weights-*.bin").Single();
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..100]);

        var (code, _, stderr) = CliRunner.Run("predict", "--committee", committee, "--data", data, "--out", Path.Combine(dir, "out.extxyz"));

        Assert.Equal(1, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(weights), stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_MlpOnMixedAtomCounts_ExitsNonZeroWithOneLine()
    {
        string dir = CliRunner.TempDirectory();
        string data = DoubleWellFile(dir, withStray: true);

        var (code, stdout, stderr) = CliRunner.Run("train", "--data", data, "--out", Path.Combine(dir, "c"), "--epochs", "1");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("frame 30 has 2 atoms", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "c")));
    }

    [Fact]
    public void Train_UnlabelledFrame_ExitsNonZero()
    {
        string dir = CliRunner.TempDirectory();
        string data = Path.Combine(dir, "unlabelled.extxyz");
        File.WriteAllText(data, "1\nProperties=species:S:1:pos:R:3\nH 0 0 0\n");

        var (code, _, stderr) = CliRunner.Run("train", "--data", data, "--out", Path.Combine(dir, "c"));

        Assert.Equal(1, code);
        Assert.Contains("frame 0 has no 'energy'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_DivergingLearningRate_ExitsNonZeroAndSavesNothing()
    {
        string dir = CliRunner.TempDirectory();
        string data = DoubleWellFile(dir);
        string committee = Path.Combine(dir, "c");

        var (code, _, stderr) = CliRunner.Run("train", "--data", data, "--out", committee, "--members", "2", "--epochs", "3", "--learning-rate", "1e30", "--width", "8", "--depth", "2");

        Assert.Equal(1, code);
        Assert.Contains("diverged", stderr, StringComparison.Ordinal);
        Assert.Contains("warning: Training diverged in epoch 1 (non-finite ", stderr, StringComparison.Ordinal); // each rollback is shown as it happens
        Assert.False(Directory.Exists(committee));
    }

    [Theory]
    [InlineData("train", new[] { "--data", "--model", "--members", "--out", "--epochs", "--learning-rate", "--force-weight", "eV²/Å²", "Default: 5", "Default: 400" })]
    [InlineData("predict", new[] { "--committee", "--data", "--out", "committee_energy_var", "committee_force_var_max", "committee_forces", "eV/Å" })]
    public void Help_DocumentsOptionsWithUnitsAndDefaults(string command, string[] expected)
    {
        var (code, stdout, _) = CliRunner.Run(command, "--help");

        Assert.Equal(0, code);
        foreach (var text in expected)
        {
            Assert.Contains(text, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Train_MissingRequiredOption_ExitsNonZero()
    {
        var (code, _, stderr) = CliRunner.Run("train", "--out", "x");

        Assert.NotEqual(0, code);
        Assert.Contains("--data", stderr, StringComparison.Ordinal);
    }
}
