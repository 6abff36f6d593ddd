using AdversarialSampling.Loop;

namespace AdversarialSampling.Cli.Display;

/// <summary>Shows a loop's progress and its per-generation results.</summary>
internal interface ILoopDisplay : IProgress<LoopProgress>
{
    /// <summary>Runs the loop's enumeration inside the display.</summary>
    /// <param name="body">The enumeration.</param>
    /// <returns>A task.</returns>
    Task RunAsync(Func<Task> body);

    /// <summary>A generation finished.</summary>
    /// <param name="report">Its report.</param>
    /// <param name="reportPath">Its report.json.</param>
    void Generation(GenerationReport report, string reportPath);

    /// <summary>A log entry of the library (one line), shown at once and whatever the output settings.</summary>
    /// <param name="level">Its level (the prefix: see <see cref="CliLoggerFactory.Prefix"/>).</param>
    /// <param name="message">The message.</param>
    void Log(Microsoft.Extensions.Logging.LogLevel level, string message);
}
