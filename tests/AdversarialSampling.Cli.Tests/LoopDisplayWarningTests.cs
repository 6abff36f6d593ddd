using AdversarialSampling.Cli.Display;
using Microsoft.Extensions.Logging;

namespace AdversarialSampling.Cli.Tests;

/// <summary>Both loop displays show a library warning at once: the plain one on standard error, the live one above its rows while it runs (standard error before and after).</summary>
[Collection("Cli")]
public sealed class LoopDisplayWarningTests
{
    private static (string Stdout, string Stderr) Captured(Action body)
    {
        var (_, stdout, stderr) = CliRunner.Capture(() =>
        {
            body();
            return 0;
        });
        return (stdout, stderr);
    }

    [Fact]
    public void PlainDisplay_Warning_GoesToStandardErrorAsOneLine()
    {
        var (stdout, stderr) = Captured(() => new PlainLoopDisplay(new LoopOutput(Json: true, Progress: false)).Log(LogLevel.Warning, "members kept early weights"));

        Assert.Equal("", stdout);
        Assert.Equal("warning: members kept early weights" + Environment.NewLine, stderr);
    }

    [Fact]
    public void LiveDisplay_Warning_IsWrittenThroughTheDisplayWhileItRuns_AndToStandardErrorOtherwise()
    {
        var (stdout, stderr) = Captured(() =>
        {
            var display = new SpectreLoopDisplay(new LoopOutput(Json: false, Progress: true));
            display.Log(LogLevel.Warning, "before [the] display");
            display.RunAsync(() =>
            {
                display.Log(LogLevel.Warning, "during [the] display");
                return Task.CompletedTask;
            }).GetAwaiter().GetResult();
            display.Log(LogLevel.Information, "after [the] display");
        });

        Assert.Equal("warning: before [the] display" + Environment.NewLine + "info: after [the] display" + Environment.NewLine, stderr);
        Assert.Contains("warning: during [the] display", stdout, StringComparison.Ordinal); // markup escaped, on the display's stream
    }
}
