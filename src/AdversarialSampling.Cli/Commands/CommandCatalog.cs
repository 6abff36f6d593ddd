using System.CommandLine;

namespace AdversarialSampling.Cli.Commands;

/// <summary>The list of sub-commands. Add a command here when adding its file.</summary>
internal static class CommandCatalog
{
    /// <summary>Every sub-command, in help order.</summary>
    /// <returns>The commands.</returns>
    public static IEnumerable<Command> All()
    {
        yield return InspectCommand.Create();
        yield return TrainCommand.Create();
        yield return PredictCommand.Create();
        yield return AttackCommand.Create();
        yield return LabelCommand.Create();
        yield return RunCommand.Create();
        yield return ResumeCommand.Create();
        yield return StatusCommand.Create();
    }
}
