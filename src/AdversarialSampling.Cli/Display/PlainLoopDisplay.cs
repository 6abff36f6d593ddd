using System.Diagnostics;
using System.Globalization;
using AdversarialSampling.Loop;

namespace AdversarialSampling.Cli.Display;

/// <summary>
/// Progress as plain lines, without animation or colour (redirected output, CI logs, <c>--no-progress</c>): one line per
/// finished or skipped phase and at every tenth of the labelling; results as summary lines or JSON lines.
/// </summary>
/// <param name="output">The output settings.</param>
internal sealed class PlainLoopDisplay(LoopOutput output) : ILoopDisplay
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(int, LoopPhase), Stopwatch> _started = [];
    private int _lastDecile = -1;

    /// <inheritdoc />
    public void Report(LoopProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!output.Progress)
        {
            return;
        }

        lock (_gate)
        {
            string phase = value.Phase.ToString().ToLowerInvariant();
            switch (value.Kind)
            {
                case LoopProgressKind.Started:
                    _started[(value.Generation, value.Phase)] = Stopwatch.StartNew();
                    _lastDecile = -1;
                    break;
                case LoopProgressKind.Completed:
                    double seconds = _started.TryGetValue((value.Generation, value.Phase), out var sw) ? sw.Elapsed.TotalSeconds : 0;
                    Write(string.Create(CultureInfo.InvariantCulture, $"generation {value.Generation} {phase}: done in {seconds:F1} s"));
                    break;
                case LoopProgressKind.Skipped:
                    Write(string.Create(CultureInfo.InvariantCulture, $"generation {value.Generation} {phase}: already committed, skipped"));
                    break;
                case LoopProgressKind.Labelled when value.Total > 0:
                    int decile = 10 * value.Completed / value.Total;
                    if (decile > _lastDecile)
                    {
                        _lastDecile = decile;
                        Write(string.Create(CultureInfo.InvariantCulture, $"generation {value.Generation} label: {value.Completed}/{value.Total}"));
                    }

                    break;
                default:
                    break;
            }
        }
    }

    /// <inheritdoc />
    public Task RunAsync(Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body();
    }

    /// <inheritdoc />
    public void Generation(GenerationReport report, string reportPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            LoopOutput.Results.WriteLine(output.Json ? GenerationSummary.JsonLine(report) : GenerationSummary.Line(report, reportPath));
            LoopOutput.Results.Flush();
        }
    }

    /// <inheritdoc />
    public void Log(Microsoft.Extensions.Logging.LogLevel level, string message)
    {
        lock (_gate)
        {
            CliLoggerFactory.Write(level, message);
        }
    }

    private void Write(string line)
    {
        output.ProgressWriter.WriteLine(line);
        output.ProgressWriter.Flush();
    }
}
