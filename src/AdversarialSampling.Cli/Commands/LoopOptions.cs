using System.CommandLine;
using AdversarialSampling.Cli.Config;
using AdversarialSampling.Cli.Display;

namespace AdversarialSampling.Cli.Commands;

/// <summary>The options <c>run</c> and <c>resume</c> share.</summary>
internal sealed class LoopOptions
{
    /// <summary>Exit codes, for the commands' descriptions.</summary>
    public const string ExitCodes = "Exit code 0 when the run completed (or was already complete), 1 for an invalid configuration (every problem listed, with its JSON path) or run directory, 2 for a missing file or directory, 5 when another process holds the run directory, 6 when the run paused on infrastructure trouble (resume later), 7 when it stopped for good (a generation's oracle failure ratio exceeded maxFailureRatio), 130 after Ctrl+C (a graceful stop: everything committed is kept; resume continues).";

    /// <summary><c>--json</c>.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print each generation's report as one line of JSON on standard output (the keys of its report.json); progress and messages go to standard error." };

    /// <summary><c>--no-progress</c>.</summary>
    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "No progress display (only the per-generation results). Without it, progress is animated on a terminal and plain lines otherwise (redirected output, CI)." };

    /// <summary><c>--verbose</c>.</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Also print the library's informational log lines on standard error as 'info: …' (committee early stopping, checkpoint loads, SLURM submissions and adoptions). Warnings ('warning: …': training rollbacks, members that kept early weights, SLURM controller trouble) are always printed." };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(NoProgress);
        command.Options.Add(Verbose);
    }

    /// <summary>The output settings of a parse.</summary>
    /// <param name="parse">The parse result.</param>
    /// <returns>The settings.</returns>
    public LoopOutput Output(ParseResult parse) => new(parse.GetValue(Json), !parse.GetValue(NoProgress), parse.GetValue(Verbose));

    /// <summary>Applies the configuration's libtorch thread count.</summary>
    /// <param name="config">The configuration.</param>
    public static void ApplyThreads(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Threads is int n)
        {
            TorchSharp.torch.set_num_threads(n);
        }
    }
}
