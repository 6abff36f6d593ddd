using System.Text.RegularExpressions;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Tests.Docs;

/// <summary>
/// Code in the docs comes from compiled files: a fenced block right after <c>&lt;!-- snippet: PATH#REGION --&gt;</c> must
/// equal that #region of PATH (indentation removed), and after <c>&lt;!-- snippet: PATH --&gt;</c> the whole file.
/// </summary>
public partial class SnippetTests
{
    [GeneratedRegex(@"<!-- snippet: (?<path>[^ #]+)(#(?<region>[A-Za-z0-9_]+))? -->\n```[a-z]*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SnippetBlock();

    [GeneratedRegex(@"<!-- snippet:")]
    private static partial Regex Marker();

    public static TheoryData<string> Documents() => new(DocumentNames());

    private static IEnumerable<string> DocumentNames()
        => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root(), "docs"), "*.md").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_EverySnippetBlock_EqualsItsCompiledSource(string document)
    {
        string text = RepositoryPaths.ReadText("docs/" + document);
        var blocks = SnippetBlock().Matches(text);

        // Every marker is followed by a fenced block (a marker the pattern does not match is a mistake).
        Assert.Equal(Marker().Count(text), blocks.Count);
        foreach (Match block in blocks)
        {
            string path = block.Groups["path"].Value;
            string source = RepositoryPaths.ReadText(path);
            string expected = block.Groups["region"].Success ? Region(source, block.Groups["region"].Value, path) : source;
            Assert.True(expected == block.Groups["body"].Value, $"{document}: the block marked '{path}#{block.Groups["region"].Value}' differs from the source; copy it again.");
        }
    }

    [Fact]
    public void Region_IndentedRegion_IsDedented()
    {
        const string Source = "class C\n{\n    void M()\n    {\n        #region R\n        int a = 1;\n\n        if (a > 0)\n        {\n            a++;\n        }\n        #endregion\n    }\n}\n";

        Assert.Equal("int a = 1;\n\nif (a > 0)\n{\n    a++;\n}\n", Region(Source, "R", "C.cs"));
    }

    [Fact]
    public void Docs_UseSnippets()
    {
        int total = DocumentNames().Sum(d => SnippetBlock().Matches(RepositoryPaths.ReadText("docs/" + d)).Count);

        Assert.InRange(total, 5, int.MaxValue);
    }

    /// <summary>The lines between "#region NAME" and the next "#endregion", with their common indentation removed.</summary>
    private static string Region(string source, string name, string path)
    {
        var lines = source.Split('\n');
        int start = Array.FindIndex(lines, l => l.Trim() == "#region " + name);
        Assert.True(start >= 0, $"{path} has no #region {name}");
        int end = Array.FindIndex(lines, start + 1, l => l.Trim() == "#endregion");
        Assert.True(end > start, $"{path}: #region {name} has no #endregion");
        var body = lines[(start + 1)..end];
        int indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Concat(body.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n"));
    }
}
