using System.CommandLine;
using AdversarialSampling.Cli.Commands;

namespace AdversarialSampling.Cli;

/// <summary>Entry point of the <c>adversarial-sampling</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Builds the root command with every sub-command (the CLI's stable surface).</summary>
    /// <returns>The root command.</returns>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("AdversarialSampling: uncertainty-based adversarial sampling for neural-network interatomic potentials. Units: Å, eV, eV/Å, K.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs the tool.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>Exit code: 0 on success, non-zero with a one-line error on failure.</returns>
    public static int Main(string[] args) => BuildRootCommand().Parse(args).Invoke();
}
