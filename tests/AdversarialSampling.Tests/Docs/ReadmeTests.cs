using System.Text.RegularExpressions;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Tests.Docs;

public partial class ReadmeTests
{
    [GeneratedRegex(@"#region QuickStart\n(.*?)#endregion", RegexOptions.Singleline)]
    private static partial Regex QuickStartRegion();

    [Fact]
    public void Readme_QuickStart_IsTheCompiledSampleVerbatim()
    {
        var root = RepositoryPaths.Root();
        var sample = File.ReadAllText(Path.Combine(root, "samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");

        var match = QuickStartRegion().Match(sample);
        Assert.True(match.Success, "samples/QuickStart/Program.cs has no #region QuickStart");
        var code = match.Groups[1].Value;
        Assert.InRange(code.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 5, 20);
        Assert.Contains("```csharp\n" + code + "```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_HasExactlyTwoSetUpCommands_AndCiCallsTheTestCommand()
    {
        var root = RepositoryPaths.Root();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var setUp = readme[readme.IndexOf("## Set up and run", StringComparison.Ordinal)..];
        setUp = setUp[..setUp.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var block = Regex.Match(setUp, "```bash\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var commands = block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('#')[0].Trim()).ToArray();

        Assert.Equal(2, commands.Length);
        var ci = File.ReadAllText(Path.Combine(root, ".ci", "run"));
        Assert.Contains(commands[1], ci, StringComparison.Ordinal);
    }
}
