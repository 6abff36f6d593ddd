using System.Globalization;
using System.Runtime.InteropServices;
using AdversarialSampling.Cli.Display;
using AdversarialSampling.Loop;
using AdversarialSampling.Runs;

namespace AdversarialSampling.Cli.Commands;

/// <summary>
/// Runs or resumes a loop for <c>run</c> and <c>resume</c>: progress display, one result line per generation, Ctrl+C
/// (SIGINT) or SIGTERM as a graceful stop (everything committed is kept; the run is resumable; a second signal
/// terminates at once) and the closing message.
/// </summary>
internal static class LoopSession
{
    /// <summary>Test hook: called after every progress event with the session's cancellation source (to stop a run mid-way).</summary>
    internal static Action<LoopProgress, CancellationTokenSource>? AfterProgress { get; set; }

    /// <summary>Builds the loop with a progress receiver and runs (or resumes) it.</summary>
    /// <param name="output">Output settings.</param>
    /// <param name="build">Builds the loop from a progress receiver and the logging that shows the library's warnings (validation throws <see cref="LoopConfigurationException"/>).</param>
    /// <param name="resume">Resume instead of starting.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(LoopOutput output, Func<IProgress<LoopProgress>, Microsoft.Extensions.Logging.ILoggerFactory, ActiveLearningLoop> build, bool resume, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int signals = 0;
        void Stop(PosixSignalContext context)
        {
            // The first Ctrl+C (or SIGTERM) stops gracefully; a second one terminates at once.
            context.Cancel = Interlocked.Increment(ref signals) == 1;
            if (context.Cancel)
            {
                cts.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        ILoopDisplay display = output.Interactive ? new SpectreLoopDisplay(output) : new PlainLoopDisplay(output);
        var hook = AfterProgress;
        var loop = build(new InlineProgress<LoopProgress>(p =>
        {
            display.Report(p);
            hook?.Invoke(p, cts);
        }), new CliLoggerFactory(display.Log, output.Verbose ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning));

        GenerationReport? last = null;
        try
        {
            await display.RunAsync(async () =>
            {
                var reports = resume ? loop.ResumeAsync(cts.Token) : loop.RunAsync(cts.Token);
                await foreach (var report in reports.ConfigureAwait(false))
                {
                    last = report;
                    display.Generation(report, ReportPath(loop, report.Generation));
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine($"stopped: everything committed is kept in '{loop.RunDirectory}'; continue with: adversarial-sampling resume {loop.RunDirectory}");
            return CliErrors.Cancelled;
        }

        return Close(output, loop, last, resume);
    }

    /// <summary>The report.json of a generation.</summary>
    /// <param name="loop">The loop.</param>
    /// <param name="generation">The generation.</param>
    /// <returns>The path.</returns>
    public static string ReportPath(ActiveLearningLoop loop, int generation) => ReportPath(loop.RunDirectory, generation);

    /// <summary>The report.json of a generation.</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="generation">The generation.</param>
    /// <returns>The path.</returns>
    public static string ReportPath(string runDirectory, int generation)
        => Path.Combine(runDirectory, CheckpointFiles.GenerationsDirectoryName, CheckpointFiles.GenerationDirectoryName(generation), CheckpointFiles.ReportFileName);

    private static int Close(LoopOutput output, ActiveLearningLoop loop, GenerationReport? last, bool resume)
    {
        var message = output.Json ? Console.Error : LoopOutput.Results;
        if (last is { StopReason: LoopStopReason.FailureRatioExceeded } stopped)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: the run stopped for good at generation {stopped.Generation}: {CliErrors.OneLine(stopped.StopMessage ?? "the oracle failure ratio exceeded its bound")}"));
            return CliErrors.Stopped;
        }

        if (last is null && resume)
        {
            message.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the run in '{loop.RunDirectory}' is already complete (generations 0–{loop.Generations}); nothing to do (pass --generations to extend it)."));
            return 0;
        }

        if (!output.Json || output.Progress)
        {
            message.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run complete: generations 0–{loop.Generations} in '{loop.RunDirectory}'"));
        }

        return 0;
    }
}
