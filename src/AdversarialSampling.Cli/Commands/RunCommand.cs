using System.CommandLine;
using AdversarialSampling.Cli.Config;
using AdversarialSampling.Runs;

namespace AdversarialSampling.Cli.Commands;

/// <summary>
/// <c>run CONFIG.json</c>: starts the active-learning loop a run configuration describes (docs/run-config-reference.md).
/// The configuration is validated first (every problem listed); then it is saved in the run directory with its SHA-256
/// (and a copy of the initial data file) so that <c>resume RUNDIR</c> needs nothing else.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Argument<FileInfo>("CONFIG") { Description = "The run configuration (JSON; keys and units: docs/run-config-reference.md). Relative paths in it are resolved against its folder." };
        var runDirectory = new Option<DirectoryInfo?>("--run-dir") { Description = "The run directory (created; must not hold a run yet). Default: the configuration's runDirectory." };
        var shared = new LoopOptions();
        var command = new Command(
            "run",
            "Run the active-learning loop of a configuration file: generation 0 trains a committee on the initial data; each later generation explores (attacks) with the previous committee, selects uncertain candidates, labels them with the oracle, merges, retrains and writes generations/gen-NNN/report.json and dataset.extxyz in the run directory (energies eV, forces eV/Å, temperatures K or eV). Ctrl+C stops gracefully; 'resume RUNDIR' continues. " + LoopOptions.ExitCodes)
        {
            config, runDirectory,
        };
        shared.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            string configPath = parse.GetValue(config)!.FullName;
            byte[] bytes = File.ReadAllBytes(configPath);
            var parsed = RunConfigParser.Parse(RunDirectoryFiles.Text(bytes), configPath);
            string baseDirectory = Path.GetDirectoryName(configPath)!;
            string directory = parse.GetValue(runDirectory)?.FullName
                ?? (parsed.RunDirectory is { } relative
                    ? Path.GetFullPath(relative, baseDirectory)
                    : throw new ArgumentException($"{configPath}: no run directory: set \"runDirectory\" in the configuration or pass --run-dir DIR."));
            if (File.Exists(Path.Combine(directory, RunStore.DatabaseFileName)))
            {
                throw new InvalidOperationException($"The run directory '{directory}' already holds a run; continue it with 'adversarial-sampling resume {directory}', or choose another directory.");
            }

            string? dataPath = parsed.InitialData.Path is null ? null : parsed.InitialData.ResolvePath(baseDirectory);
            var initial = parsed.InitialData.Load(baseDirectory);
            LoopOptions.ApplyThreads(parsed);
            return await LoopSession.RunAsync(
                shared.Output(parse),
                (progress, logging) =>
                {
                    var loop = RunConfigLoop.Build(parsed, initial, directory, progress: progress, logging: logging);
                    RunDirectoryFiles.Save(directory, bytes, dataPath);
                    return loop;
                },
                resume: false,
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
