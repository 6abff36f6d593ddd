namespace AdversarialSampling.Slurm;

/// <summary>The end of one SLURM client command.</summary>
/// <param name="ExitCode">The exit code; 127 when the command could not be started, -1 when it timed out.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
internal sealed record SlurmCommandResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output and error together, for message matching.</summary>
    public string Output => Stdout + "\n" + Stderr;

    /// <summary>True when the command could not reach the controller (by its message, or because it hung).</summary>
    public bool ControllerUnreachable => ExitCode == -1 || (ExitCode != 0 && SlurmText.IsControllerUnreachable(Output));

    /// <summary>A one-line description for messages.</summary>
    public string Describe()
        => ExitCode switch
        {
            -1 => "it did not finish in time",
            127 => "it could not be started: " + SlurmText.FirstLine(Stderr),
            _ => $"exit code {ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {SlurmText.FirstLine(Stderr.Trim().Length > 0 ? Stderr : Stdout)}",
        };
}
