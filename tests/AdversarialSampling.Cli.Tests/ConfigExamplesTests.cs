using System.Text.RegularExpressions;
using AdversarialSampling.Cli.Config;
using AdversarialSampling.Structures;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Cli.Tests;

/// <summary>Every example configuration (samples/configs, shown in docs/ through snippet markers) parses and builds a valid loop.</summary>
public partial class ConfigExamplesTests
{
    private static readonly string ConfigDirectory = Path.Combine(RepositoryPaths.Root(), "samples", "configs");

    public static TheoryData<string> Examples() => new(ExampleNames());

    private static IEnumerable<string> ExampleNames()
        => Directory.EnumerateFiles(ConfigDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"(<!-- snippet: (?<path>[^ ]+) -->\n)?```json\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [Fact]
    public void Examples_AtLeastTheDocumentedOnesExist()
        => Assert.Superset(new HashSet<string> { "double-well-2d.json", "double-well-2d-tiny.json", "ammonia-xtb.json" }, ExampleNames().ToHashSet());

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_ParsesAndBuildsAValidLoop(string name)
    {
        string path = Path.Combine(ConfigDirectory, name);
        var config = RunConfigParser.ParseFile(path);
        var initial = InitialData(config);

        var loop = RunConfigLoop.Build(config, initial, Path.Combine(CliRunner.TempDirectory(), "run"));

        Assert.Equal(config.Generations, loop.Generations);
        Assert.Equal(config.Seed, loop.Seed);
        Assert.Empty(loop.Warnings);
    }

    [Fact]
    public void Docs_EveryFullConfigurationShownIsASnippetOfAnExampleFile()
    {
        var docs = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root(), "docs"), "*.md").Append(Path.Combine(RepositoryPaths.Root(), "README.md"));
        int shown = 0;
        foreach (string doc in docs)
        {
            string text = File.ReadAllText(doc).ReplaceLineEndings("\n");
            foreach (Match block in JsonBlock().Matches(text))
            {
                if (!block.Groups["body"].Value.Contains("\"explorers\"", StringComparison.Ordinal))
                {
                    continue;
                }

                // A whole configuration in the docs must come from samples/configs (so the theory above checks it).
                Assert.True(block.Groups["path"].Success, $"{Path.GetFileName(doc)}: a full configuration without a '<!-- snippet: samples/configs/NAME.json -->' marker");
                Assert.StartsWith("samples/configs/", block.Groups["path"].Value, StringComparison.Ordinal);
                shown++;
            }
        }

        Assert.InRange(shown, 2, int.MaxValue);
    }

    /// <summary>
    /// The example's initial data. The xtb example's file is made by the user with 'label' (see its description); for
    /// validation the BP86 ammonia set stands in for it (the same molecule and frame layout; the level of theory does not
    /// enter the configuration's validity).
    /// </summary>
    private static Dataset InitialData(RunConfig config)
    {
        if (config.InitialData.Path is { } relative && !File.Exists(Path.GetFullPath(relative, ConfigDirectory)))
        {
            Assert.Equal("ammonia-xtb.extxyz", relative);
            return InitialDataConfig.ReadLabelled(Path.Combine(AppContext.BaseDirectory, "TestData", "ammonia-bp86.extxyz"));
        }

        return config.InitialData.Load(ConfigDirectory);
    }
}
