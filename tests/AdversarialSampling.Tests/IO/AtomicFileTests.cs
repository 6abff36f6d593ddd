using System.Text;
using AdversarialSampling.IO;

namespace AdversarialSampling.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atomic-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteAllText_ExistingFile_ReplacesItAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_dir, "a.txt");
        File.WriteAllText(path, "old content that is longer");

        AtomicFile.WriteAllText(path, "new ✓");

        Assert.Equal(Encoding.UTF8.GetBytes("new ✓"), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void WriteAllBytes_NewFile_CreatesIt()
    {
        string path = Path.Combine(_dir, "b.bin");

        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_CallbackThrows_KeepsOldFileAndRemovesTemporaryFile()
    {
        string path = Path.Combine(_dir, "c.txt");
        File.WriteAllText(path, "old");

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([1, 2, 3]);
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", e.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_MissingDirectory_ThrowsAndCreatesNothing()
    {
        string path = Path.Combine(_dir, "missing", "d.txt");

        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void SyncDirectory_MissingDirectory_ThrowsIOException()
    {
        Assert.Throws<IOException>(() => AtomicFile.SyncDirectory(Path.Combine(_dir, "nope")));
    }
}
