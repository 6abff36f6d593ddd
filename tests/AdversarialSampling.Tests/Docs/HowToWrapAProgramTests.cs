using System.Text.RegularExpressions;
using AdversarialSampling.Tests.TestSupport;

namespace AdversarialSampling.Tests.Docs;

/// <summary>docs/how-to-wrap-a-program.md shows the fake program and the oracle class that ProcessOracleTests runs.</summary>
public partial class HowToWrapAProgramTests
{
    private const string Doc = "docs/how-to-wrap-a-program.md";

    [GeneratedRegex(@"#region HowTo\n(.*?)#endregion", RegexOptions.Singleline)]
    private static partial Regex HowToRegion();

    [Fact]
    public void HowTo_ShowsTheTestedOracleClassVerbatim()
    {
        var source = RepositoryPaths.ReadText("tests/AdversarialSampling.Tests/Oracles/FakeDftOracle.cs");
        var match = HowToRegion().Match(source);
        Assert.True(match.Success, "FakeDftOracle.cs has no #region HowTo");

        Assert.Contains("```csharp\n" + match.Groups[1].Value + "```", RepositoryPaths.ReadText(Doc), StringComparison.Ordinal);
    }

    [Fact]
    public void HowTo_ShowsTheTestedFakeProgramVerbatim()
    {
        var script = RepositoryPaths.ReadText("tests/AdversarialSampling.Tests/TestData/fake-dft.sh");

        Assert.Contains("```sh\n" + script + "```", RepositoryPaths.ReadText(Doc), StringComparison.Ordinal);
    }
}
