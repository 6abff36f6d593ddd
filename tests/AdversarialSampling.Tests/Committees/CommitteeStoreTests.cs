using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.Models;
using AdversarialSampling.Tests.TestSupport;
using static AdversarialSampling.Tests.TestSupport.TensorTestHelpers;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Committees;

public sealed class CommitteeStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("committee-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TorchCommittee Trained(MemberEvaluation evaluation = MemberEvaluation.Stacked, ScalarType dtype = ScalarType.Float32)
    {
        var data = ToyData.UniformDoubleWell(30, seed: 2, -1.0, -0.5, -0.5, 0.5).Split(0.8, 0.2, seed: 0);
        var committee = new TorchCommittee(
            new MlpSpec { InputComponents = [0, 1], Width = 8, Depth = 3, Evaluation = evaluation },
            new CommitteeOptions { Members = 3, Seed = 6, DType = dtype, Training = new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 1e-2 } });
        committee.Train(data.Train, data.Validation);
        return committee;
    }

    /// <summary>Bit-identical weights, and bit-identical member energies and forces on <paramref name="structures"/>.</summary>
    private static void AssertIdentical(TorchCommittee original, TorchCommittee loaded, IReadOnlyList<AtomicStructure> structures)
    {
        var a = original.Predict(structures);
        var b = loaded.Predict(structures);
        for (int i = 0; i < structures.Count; i++)
        {
            Assert.Equal(a[i].MemberEnergies.ToArray(), b[i].MemberEnergies.ToArray());
            Assert.Equal(a[i].MemberForces.SelectMany(f => f), b[i].MemberForces.SelectMany(f => f));
        }

        Assert.Equal(AllWeights(original.Model), AllWeights(loaded.Model));
    }

    private string SavedDirectory(out string weightsPath)
    {
        using var committee = Trained();
        string dir = Path.Combine(_root, "c");
        committee.Save(dir);
        weightsPath = Directory.GetFiles(dir, "weights-*.bin").Single();
        return dir;
    }

    [Theory]
    [InlineData(MemberEvaluation.Stacked, ScalarType.Float32)]
    [InlineData(MemberEvaluation.PerMember, ScalarType.Float32)]
    [InlineData(MemberEvaluation.Stacked, ScalarType.Float64)]
    public void SaveThenLoad_GivesIdenticalPredictionsAndSettings(MemberEvaluation evaluation, ScalarType dtype)
    {
        using var original = Trained(evaluation, dtype);
        string dir = Path.Combine(_root, "round-trip");
        original.Save(dir);
        using var loaded = TorchCommittee.Load(dir);

        AssertIdentical(original, loaded, [.. Enumerable.Range(0, 4).Select(i => ToyData.Point(-0.9 + (0.2 * i), 0.1 * i))]);
        Assert.True(loaded.IsTrained);
        Assert.Equal(original.Options, loaded.Options);
        Assert.Equal(JsonSerializer.Serialize<ModelSpec>(original.Spec), JsonSerializer.Serialize<ModelSpec>(loaded.Spec));
        Assert.Equal(original.LastTraining!.BestValidationLoss.ToArray(), loaded.LastTraining!.BestValidationLoss.ToArray());
        Assert.Equal(dtype, loaded.DType);
    }

    [Fact]
    public void SaveThenLoad_TrainedSchNetCommittee_BitIdenticalWeightsAndPredictions()
    {
        var ammonia = ExtendedXyzReader.ReadDataset(Path.Combine(AppContext.BaseDirectory, "TestData", "ammonia-bp86.extxyz"));
        var data = new Dataset(ammonia.Take(12)).Split(0.75, 0.25, seed: 1);
        using var original = new TorchCommittee(
            SchNetCommitteeTests.Small,
            new CommitteeOptions { Members = 3, Seed = 2, Training = new TrainingOptions { Epochs = 2, BatchSize = 4, LearningRate = 1e-3, EnergyWeight = 0.1, ForceWeight = 1 } });
        original.Train(data.Train, data.Validation);
        string dir = Path.Combine(_root, "schnet");

        original.Save(dir);
        using var loaded = TorchCommittee.Load(dir);

        AssertIdentical(original, loaded, [.. ammonia.Skip(100).Take(5).Select(s => s.Structure)]);
        Assert.Equal(original.Spec, loaded.Spec);
        Assert.IsType<SchNetSpec>(loaded.Spec);
        Assert.Equal(original.Options, loaded.Options);
        Assert.True(loaded.IsTrained);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, CommitteeStore.ManifestFileName)))!;
        Assert.Equal("schnet", (string?)json["spec"]!["kind"]);
        Assert.Equal(4.0, (double?)json["spec"]!["cutoff"]);
    }

    [Fact]
    public void Save_WritesDocumentedManifestWithHashOfTheWeights()
    {
        string dir = SavedDirectory(out string weights);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, CommitteeStore.ManifestFileName)))!;
        Assert.Equal("adversarial-sampling-committee", (string?)json["format"]);
        Assert.Equal(1, (int?)json["version"]);
        Assert.Equal("mlp", (string?)json["spec"]!["kind"]);
        Assert.Equal(3, (int?)json["options"]!["members"]);
        Assert.NotNull(json["normalization"]!["energy_shift"]);
        Assert.NotNull(json["normalization"]!["input_scale"]);
        var file = json["files"]![0]!;
        Assert.Equal(Path.GetFileName(weights), (string?)file["name"]);
        Assert.Equal(new FileInfo(weights).Length, (long?)file["bytes"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weights))), (string?)file["sha256"]);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void Save_Twice_KeepsOnlyTheCurrentWeightsFile()
    {
        string dir = Path.Combine(_root, "twice");
        using var committee = Trained();
        committee.Save(dir);
        committee.Reinitialize(99);
        committee.Save(dir);
        Assert.Single(Directory.GetFiles(dir, "weights-*.bin"));
        using var loaded = TorchCommittee.Load(dir);
        Assert.Equal(AllWeights(committee.Model), AllWeights(loaded.Model));
        Assert.False(loaded.IsTrained);
    }

    [Fact]
    public void Load_TruncatedWeights_ThrowsNamingTheFile()
    {
        string dir = SavedDirectory(out string weights);
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<CommitteeFormatException>(() => TorchCommittee.Load(dir));
        Assert.Equal(weights, ex.FilePath);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptedWeightsOfTheSameLength_ThrowsShaMismatch()
    {
        string dir = SavedDirectory(out string weights);
        var bytes = File.ReadAllBytes(weights);
        bytes[^5] ^= 0x40;
        File.WriteAllBytes(weights, bytes);
        var ex = Assert.Throws<CommitteeFormatException>(() => TorchCommittee.Load(dir));
        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(weights), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingWeights_ThrowsNamingTheFile()
    {
        string dir = SavedDirectory(out string weights);
        File.Delete(weights);
        var ex = Assert.Throws<CommitteeFormatException>(() => TorchCommittee.Load(dir));
        Assert.Equal(weights, ex.FilePath);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptJson_ThrowsNamingTheManifest()
    {
        string dir = SavedDirectory(out _);
        string manifest = Path.Combine(dir, CommitteeStore.ManifestFileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest)[..40]);
        var ex = Assert.Throws<CommitteeFormatException>(() => TorchCommittee.Load(dir));
        Assert.Equal(manifest, ex.FilePath);
        Assert.Contains("not valid committee JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ForeignJson_ThrowsNotACommittee()
    {
        string dir = SavedDirectory(out _);
        string manifest = Path.Combine(dir, CommitteeStore.ManifestFileName);
        File.WriteAllText(manifest, "{\"format\": \"something-else\", \"version\": 1}");
        var ex = Assert.Throws<CommitteeFormatException>(() => TorchCommittee.Load(dir));
        Assert.Contains("not a committee manifest (format 'something-else'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NewerVersion_ThrowsUnsupportedVersion()
    {
        string dir = SavedDirectory(out _);
        string manifest = Path.Combine(dir, CommitteeStore.ManifestFileName);
        var json = JsonNode.Parse(File.ReadAllText(manifest))!;
        json["version"] = 2;
        File.WriteAllText(manifest, json.ToJsonString());
        var ex = Assert.Throws<CommitteeFormatException>(() => TorchCommittee.Load(dir));
        Assert.Contains("version 2 is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SpecThatDoesNotMatchTheWeights_ThrowsArchitectureMismatch()
    {
        string dir = SavedDirectory(out string weights);
        string manifest = Path.Combine(dir, CommitteeStore.ManifestFileName);
        var json = JsonNode.Parse(File.ReadAllText(manifest))!;
        json["spec"]!["width"] = 12;
        File.WriteAllText(manifest, json.ToJsonString());
        var ex = Assert.Throws<CommitteeFormatException>(() => TorchCommittee.Load(dir));
        Assert.Equal(weights, ex.FilePath);
        Assert.Contains("does not match the architecture", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DirectoryWithoutManifest_Throws()
    {
        string dir = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var ex = Assert.Throws<CommitteeFormatException>(() => TorchCommittee.Load(dir));
        Assert.Contains("not a saved committee", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => TorchCommittee.Load(Path.Combine(_root, "nowhere")));
    }

    [Fact]
    public void Save_NonFiniteWeights_RefusesAndWritesNothing()
    {
        using var committee = Trained();
        using (no_grad())
        {
            committee.Model.Parameters().First().fill_(double.NaN);
        }

        string dir = Path.Combine(_root, "nan");
        Assert.Throws<InvalidOperationException>(() => committee.Save(dir));
        Assert.False(Directory.Exists(dir));
    }
}
