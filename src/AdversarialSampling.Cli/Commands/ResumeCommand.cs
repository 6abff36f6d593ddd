using System.CommandLine;
using AdversarialSampling.Cli.Config;

namespace AdversarialSampling.Cli.Commands;

/// <summary>
/// <c>resume RUNDIR</c>: continues a run started by <c>run</c> (after Ctrl+C, a kill, a pause or a crash) from the
/// configuration saved in the run directory, refusing it if it was altered since (SHA-256). Committed phases are
/// skipped and recorded oracle results are never paid for again.
/// </summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var runDirectory = new Argument<DirectoryInfo>("RUNDIR") { Description = "The run directory written by 'run' (holds run.db, config.json and config.sha256)." };
        var generations = new Option<int?>("--generations") { Description = "Adversarial generations after generation 0 (≥ 1); a larger value than the configuration's extends a finished run. Default: the saved configuration's." };
        var shared = new LoopOptions();
        var command = new Command(
            "resume",
            "Continue a run in its run directory with the configuration saved there (refused if config.json no longer matches config.sha256): committed phases are skipped, labelling resumes per oracle-call key, nothing recorded is paid for twice. One writer at a time: a directory held by another process is refused. " + LoopOptions.ExitCodes)
        {
            runDirectory, generations,
        };
        shared.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            string directory = parse.GetValue(runDirectory)!.FullName;
            string text = RunDirectoryFiles.ReadVerified(directory);
            var parsed = RunConfigParser.Parse(text, Path.Combine(directory, RunDirectoryFiles.ConfigFileName));
            var initial = parsed.InitialData.Path is null
                ? parsed.InitialData.Load(directory)
                : InitialDataConfig.ReadLabelled(Path.Combine(directory, RunDirectoryFiles.InitialDataFileName));
            LoopOptions.ApplyThreads(parsed);
            return await LoopSession.RunAsync(
                shared.Output(parse),
                (progress, logging) => RunConfigLoop.Build(parsed, initial, directory, parse.GetValue(generations), progress, logging),
                resume: true,
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
