using AdversarialSampling.Samples.Snippets;

namespace AdversarialSampling.Tests.Docs;

/// <summary>The quick doc snippets run, and print what the docs say they print.</summary>
[Collection(nameof(SnippetRunTests))]
public class SnippetRunTests
{
    private static string Capture(Action snippet)
    {
        var old = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            snippet();
        }
        finally
        {
            Console.SetOut(old);
        }

        return writer.ToString();
    }

    [Fact]
    public void Metrics_HandMadePrediction_PrintsTheValuesTheDocsQuote()
    {
        string output = Capture(UncertaintySnippets.Metrics);

        Assert.Contains("ForceVariance (Unbiased, eV²/Å²): 0.02833", output, StringComparison.Ordinal);
        Assert.Contains("EnergyVariance (Unbiased, eV²): 0.01", output, StringComparison.Ordinal);
        Assert.Contains("EnergyPerAtomVariance (Unbiased, (eV/atom)²): 0.0025", output, StringComparison.Ordinal);
        Assert.Contains("threshold: 0.05 eV²/Å²", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Objective_Temperatures_PrintTheValuesTheDocsQuote()
    {
        string output = Capture(ObjectiveSnippets.Objective);

        Assert.Contains("kT = 0.025852 eV (300 K)", output, StringComparison.Ordinal);
        Assert.Contains("kT = 0.867282 eV (10064.4 K)", output, StringComparison.Ordinal);
        Assert.Contains("paper: kT = 5 eV (58022.6 K), 600 steps", output, StringComparison.Ordinal);
    }
}
