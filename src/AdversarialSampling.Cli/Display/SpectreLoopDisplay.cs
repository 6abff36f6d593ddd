using System.Globalization;
using AdversarialSampling.Loop;
using Spectre.Console;

namespace AdversarialSampling.Cli.Display;

/// <summary>
/// The interactive display (a terminal): a Spectre.Console progress display with one row per generation (phases done
/// of the generation's phases; the labelling count while labelling). Summary lines are printed when the display ends,
/// so the live area is never interleaved with them; JSON lines (on standard output, the display being on standard
/// error) are streamed.
/// </summary>
internal sealed class SpectreLoopDisplay : ILoopDisplay
{
    private readonly LoopOutput _output;
    private readonly IAnsiConsole _console;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ProgressTask> _rows = [];
    private readonly List<string> _results = [];
    private ProgressContext? _context;

    /// <summary>Creates the display on the output's progress stream.</summary>
    /// <param name="output">The output settings.</param>
    public SpectreLoopDisplay(LoopOutput output)
    {
        _output = output;
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.ProgressWriter) });
    }

    /// <inheritdoc />
    public void Report(LoopProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_context is null)
            {
                return;
            }

            var row = Row(value.Generation);
            string phase = value.Phase.ToString().ToLowerInvariant();
            switch (value.Kind)
            {
                case LoopProgressKind.Started:
                    row.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"generation {value.Generation}: {phase}"));
                    break;
                case LoopProgressKind.Completed or LoopProgressKind.Skipped:
                    row.Increment(1);
                    break;
                case LoopProgressKind.Labelled:
                    row.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"generation {value.Generation}: label {value.Completed}/{value.Total}"));
                    break;
                default:
                    break;
            }
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            await _console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    lock (_gate)
                    {
                        _context = context;
                    }

                    await body().ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _context = null; // the live rows are gone: later warnings go to standard error
            }

            foreach (string line in _results)
            {
                LoopOutput.Results.WriteLine(line);
            }
        }
    }

    /// <inheritdoc />
    public void Generation(GenerationReport report, string reportPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            if (_context is not null)
            {
                var row = Row(report.Generation);
                row.Value = row.MaxValue;
                row.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"generation {report.Generation}: +{report.LabelsAdded} labels, dataset {report.DatasetSize}"));
                row.StopTask();
            }

            if (_output.Json)
            {
                // JSON goes to standard output while the display lives on standard error: stream it.
                LoopOutput.Results.WriteLine(GenerationSummary.JsonLine(report));
                LoopOutput.Results.Flush();
            }
            else
            {
                _results.Add(GenerationSummary.Line(report, reportPath));
            }
        }
    }

    /// <inheritdoc />
    public void Log(Microsoft.Extensions.Logging.LogLevel level, string message)
    {
        lock (_gate)
        {
            if (_context is not null)
            {
                // Printed through the display's console, above its live rows.
                string colour = level >= Microsoft.Extensions.Logging.LogLevel.Warning ? "yellow" : "grey";
                _console.MarkupLine($"[{colour}]{CliLoggerFactory.Prefix(level)}[/] {Markup.Escape(message)}");
            }
            else
            {
                CliLoggerFactory.Write(level, message);
            }
        }
    }

    private ProgressTask Row(int generation)
    {
        if (!_rows.TryGetValue(generation, out var row))
        {
            // Generation 0 has four phases (merge, train, evaluate, report); later ones seven.
            row = _context!.AddTask(string.Create(CultureInfo.InvariantCulture, $"generation {generation}"), autoStart: true, maxValue: generation == 0 ? 4 : 7);
            _rows[generation] = row;
        }

        return row;
    }
}
