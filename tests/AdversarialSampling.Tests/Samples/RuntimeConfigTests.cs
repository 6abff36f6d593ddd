using System.Text.Json.Nodes;

namespace AdversarialSampling.Tests.Samples;

/// <summary>
/// The shipped executables run with tiered compilation off: with it on, re-jitting during the first ~100 calls made
/// resident memory climb 6–10 % (docs/torchsharp-on-linux.md §3, docs/benchmarks.md §2).
/// </summary>
public sealed class RuntimeConfigTests
{
    [Theory]
    [InlineData("DoubleWell2D")]
    [InlineData("AmmoniaInversion")]
    public void RuntimeConfig_OfASample_TurnsTieredCompilationOff(string sample) =>
        AssertTieredCompilationOff(Path.Combine(AppContext.BaseDirectory, sample + ".runtimeconfig.json"));

    /// <summary>Reads an app's runtimeconfig.json and asserts <c>System.Runtime.TieredCompilation</c> is false.</summary>
    internal static void AssertTieredCompilationOff(string path)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        JsonNode? value = JsonNode.Parse(File.ReadAllText(path))?["runtimeOptions"]?["configProperties"]?["System.Runtime.TieredCompilation"];
        Assert.NotNull(value);
        Assert.False(value!.GetValue<bool>());
    }
}
