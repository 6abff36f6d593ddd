using System.Security.Cryptography;
using AdversarialSampling.IO;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Runs;

public sealed class CheckpointFilesTests : IDisposable
{
    private static readonly byte[] V1 = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];
    private static readonly byte[] V2 = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 3 + 1))];
    private readonly string _dir = RunTestKit.NewDirectory("checkpoints-");
    private readonly RunStore _store;
    private readonly CheckpointFiles _files;

    public CheckpointFilesTests()
    {
        _store = RunStore.Open(_dir, RunStoreOpenMode.CreateNew);
        _files = new CheckpointFiles(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        RunTestKit.DeleteDirectory(_dir);
    }

    [Fact]
    public void WriteBytes_ThenRead_ReturnsContentAndRecordsHashAndSize()
    {
        var record = _files.WriteBytes(2, "member-0.pt", V1);

        Assert.Equal(V1, _files.ReadAllBytes(2, "member-0.pt"));
        Assert.Equal("checkpoints/gen-002/member-0.pt", record.RelativePath);
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(V1)), 5000L), (record.Sha256, record.Size));
        Assert.Equal(record, _store.GetCheckpoint(2, "member-0.pt"));
        Assert.Equal(Path.Combine(_dir, "checkpoints", "gen-002", "member-0.pt"), _files.GetVerifiedPath(2, "member-0.pt"));
    }

    [Fact]
    public void ReadAllBytes_FileChangedAfterRecording_ThrowsNamingFileExpectedAndFound()
    {
        var record = _files.WriteBytes(0, "m.pt", V1);
        string path = Path.Combine(_dir, "checkpoints", "gen-000", "m.pt");
        byte[] tampered = [.. V1];
        tampered[100] ^= 1;
        File.WriteAllBytes(path, tampered);

        var e = Assert.Throws<CheckpointCorruptException>(() => _files.ReadAllBytes(0, "m.pt"));

        Assert.Equal(path, e.FilePath);
        Assert.Equal((record.Sha256, 5000L), (e.ExpectedSha256, e.ExpectedSize!.Value));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(tampered)), e.FoundSha256);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(record.Sha256, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetVerifiedPath_TruncatedFile_Throws()
    {
        _files.WriteBytes(0, "m.pt", V1);
        File.WriteAllBytes(Path.Combine(_dir, "checkpoints", "gen-000", "m.pt"), V1[..4096]);

        var e = Assert.Throws<CheckpointCorruptException>(() => _files.GetVerifiedPath(0, "m.pt"));

        Assert.Equal(4096, e.FoundSize);
    }

    [Fact]
    public void GetVerifiedPath_MissingFile_ThrowsFoundNothing()
    {
        _files.WriteBytes(0, "m.pt", V1);
        File.Delete(Path.Combine(_dir, "checkpoints", "gen-000", "m.pt"));

        var e = Assert.Throws<CheckpointCorruptException>(() => _files.GetVerifiedPath(0, "m.pt"));

        Assert.Null(e.FoundSha256);
        Assert.Contains("found no file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CommitFailsAfterNewFileWritten_PreviousGoodCopyIsUsedAndRestored()
    {
        _files.WriteBytes(1, "m.pt", V1);

        Assert.Throws<InvalidDataException>(() => _files.WriteBytes(1, "m.pt", V2, _ => throw new InvalidDataException("crash before the record")));

        string path = Path.Combine(_dir, "checkpoints", "gen-001", "m.pt");
        Assert.Equal(V2, File.ReadAllBytes(path)); // the unrecorded new content is on disk...
        Assert.Equal(V1, _files.ReadAllBytes(1, "m.pt")); // ...but the recorded one is what loads
        Assert.Equal(path, _files.GetVerifiedPath(1, "m.pt"));
        Assert.Equal(V1, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + CheckpointFiles.PreviousSuffix));
    }

    [Fact]
    public void Write_Rewrite_RecordsNewContentAndDropsPreviousCopy()
    {
        _files.WriteBytes(1, "m.pt", V1);

        var record = _files.WriteBytes(1, "m.pt", V2, w => w.CompletePhase(1, "train-0"));

        Assert.Equal(V2, _files.ReadAllBytes(1, "m.pt"));
        Assert.Equal(3000, record.Size);
        Assert.True(_store.IsPhaseComplete(1, "train-0"));
        Assert.False(File.Exists(Path.Combine(_dir, "checkpoints", "gen-001", "m.pt" + CheckpointFiles.PreviousSuffix)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "checkpoints", "gen-001"), ".*"));
    }

    [Fact]
    public void ReadAllBytes_NotRecorded_ThrowsRunStoreException()
    {
        Assert.Throws<RunStoreException>(() => _files.ReadAllBytes(0, "nothing.pt"));
    }

    [Theory]
    [InlineData("../escape.pt")]
    [InlineData("a/b.pt")]
    [InlineData(".hidden")]
    [InlineData("m.pt.prev")]
    [InlineData(" ")]
    public void Write_BadName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => _files.WriteBytes(0, name, V1));
    }

    [Fact]
    public void WriteGenerationExports_Dataset_WritesReadableExtxyzAndReportAndRecordsBoth()
    {
        var dataset = new Dataset([
            new LabelledSample(RunTestKit.Water(), -14.2, [.. Enumerable.Range(0, 9).Select(i => i * 0.1)], metadata: [new("oracle_key", "abc"), new("generation", 3L)]),
            new LabelledSample(RunTestKit.Water(0.5), -14.0),
        ]);

        var exports = _files.WriteGenerationExports(3, dataset, """{"generation":3,"labelled":2}""", w => w.CompletePhase(3, "export"));

        string dir = Path.Combine(_dir, "generations", "gen-003");
        Assert.Equal(RunTestKit.Text(dataset), RunTestKit.Text(ExtendedXyzReader.ReadDataset(Path.Combine(dir, "dataset.extxyz"))));
        Assert.Equal("""{"generation":3,"labelled":2}""", File.ReadAllText(Path.Combine(dir, "report.json")));
        Assert.Equal("generations/gen-003/dataset.extxyz", exports.Dataset.RelativePath);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "report.json")), _files.ReadAllBytes(3, "export/report.json"));
        Assert.True(_store.IsPhaseComplete(3, "export"));
    }

    [Fact]
    public void WriteGenerationExports_InvalidReportJson_ThrowsAndWritesNothing()
    {
        Assert.Throws<ArgumentException>(() => _files.WriteGenerationExports(0, Dataset.Empty, "{oops"));

        Assert.False(Directory.Exists(Path.Combine(_dir, "generations")));
        Assert.Empty(_store.GetCheckpoints());
    }
}
