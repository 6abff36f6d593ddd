using System.Diagnostics.CodeAnalysis;

namespace AdversarialSampling.Oracles;

/// <summary>Finds the executable file of a program: a path (absolute or relative to the working directory) or a name on PATH.</summary>
internal static class ProgramLocator
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Resolves a program to the full path of an existing executable file.</summary>
    /// <param name="program">A name looked up on PATH (no directory separator) or a path.</param>
    /// <param name="path">The full path when found.</param>
    /// <param name="problem">Why it was not found (one sentence naming the program) otherwise.</param>
    /// <returns>True when found.</returns>
    public static bool TryResolve(string program, [NotNullWhen(true)] out string? path, [NotNullWhen(false)] out string? problem)
    {
        path = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(program))
        {
            problem = "no program is configured (empty name).";
            return false;
        }

        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || program.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            string full = Path.GetFullPath(program);
            if (!File.Exists(full))
            {
                problem = $"the program '{program}' does not exist ({full}).";
                return false;
            }

            if (!IsExecutable(full))
            {
                problem = $"the program '{full}' is not executable (no execute permission).";
                return false;
            }

            path = full;
            return true;
        }

        string searchPath = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (string directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in Candidates(program))
            {
                string candidate;
                try
                {
                    candidate = Path.Combine(directory, name);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    path = Path.GetFullPath(candidate);
                    return true;
                }
            }
        }

        problem = $"the program '{program}' was not found on PATH (install it or configure its absolute path).";
        return false;
    }

    private static IEnumerable<string> Candidates(string program)
    {
        yield return program;
        if (OperatingSystem.IsWindows() && !Path.HasExtension(program))
        {
            foreach (string extension in (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return program + extension;
            }
        }
    }

    private static bool IsExecutable(string path)
        => OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0;
}
