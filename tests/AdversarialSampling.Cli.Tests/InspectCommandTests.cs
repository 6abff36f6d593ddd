using System.Text.Json;

namespace AdversarialSampling.Cli.Tests;

[Collection("Cli")]
public class InspectCommandTests
{
    private static readonly string Ammonia = Path.Combine(AppContext.BaseDirectory, "TestData", "ammonia-bp86.extxyz");

    [Fact]
    public void Inspect_Json_ReportsContractKeysForAmmonia()
    {
        var (code, stdout, stderr) = CliRunner.Run("inspect", Ammonia, "--json");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(138, root.GetProperty("frames").GetInt32());
        Assert.Equal(4, root.GetProperty("atomsMin").GetInt32());
        Assert.Equal(4, root.GetProperty("atomsMax").GetInt32());
        Assert.Equal(["H", "N"], root.GetProperty("elements").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.False(root.GetProperty("periodic").GetBoolean());
        Assert.InRange(root.GetProperty("energyMin").GetDouble(), -1e-5, 1e-5);
        Assert.InRange(root.GetProperty("energyMax").GetDouble(), 1.83, 1.85);
        Assert.InRange(root.GetProperty("maxForceNorm").GetDouble(), 13.18, 13.20);
        Assert.Equal(138, root.GetProperty("infoKeys").GetProperty("generation").GetInt32());
        Assert.Equal("R", root.GetProperty("arrayKeys").GetProperty("forces").GetProperty("type").GetString());
    }

    [Fact]
    public void Inspect_Text_ListsFramesElementsAndKeys()
    {
        var (code, stdout, _) = CliRunner.Run("inspect", Ammonia);

        Assert.Equal(0, code);
        Assert.Contains("frames:         138", stdout, StringComparison.Ordinal);
        Assert.Contains("elements:       H N", stdout, StringComparison.Ordinal);
        Assert.Contains("forces:R:3 (138)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_Json_UnlabelledPeriodicFile_HasNullEnergiesAndPeriodicTrue()
    {
        var dir = CliRunner.TempDirectory();
        var path = Path.Combine(dir, "cell.xyz");
        File.WriteAllText(path, "2\nLattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3 pbc=\"T T F\"\nAr 0 0 0\nAr 2 0 0\n");

        var (code, stdout, _) = CliRunner.Run("inspect", path, "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("periodic").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("energyMin").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("energyMax").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("maxForceNorm").ValueKind);
    }

    [Theory]
    [InlineData("3\n\nN 0 0 0\nH 1 0 0\n", ":5: frame 0:")]
    [InlineData("2\nProperties=species:S:1:pos:R:3\nN 0 0 0\nQq 1 0 0\n", ":4: frame 0:")]
    [InlineData("1\nenergy=1.0\nN 0 0 0\n1\nenergy=abc Lattice=\"1 0 0\"\nN 0 0 0\n", ": frame 1:")]
    [InlineData("1\nProperties=species:S:1:pos:R:3\nN 0 nan 0\n", ":3: frame 0:")]
    public void Inspect_MalformedFile_ExitsNonZeroWithOneLineNamingFileFrameAndLine(string content, string where)
    {
        var dir = CliRunner.TempDirectory();
        var path = Path.Combine(dir, "bad.xyz");
        File.WriteAllText(path, content);

        var (code, stdout, stderr) = CliRunner.Run("inspect", path, "--json");

        Assert.NotEqual(0, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(path, lines[0], StringComparison.Ordinal);
        Assert.Contains(where, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_MissingFile_ExitsWithNotFoundCode()
    {
        var (code, _, stderr) = CliRunner.Run("inspect", "/nonexistent/dir/x.xyz");

        Assert.Equal(2, code);
        Assert.Contains("x.xyz", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_DocumentsInspectOptions()
    {
        var (code, stdout, _) = CliRunner.Run("inspect", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--json", stdout, StringComparison.Ordinal);
        Assert.Contains("eV/Å", stdout, StringComparison.Ordinal);
    }
}
