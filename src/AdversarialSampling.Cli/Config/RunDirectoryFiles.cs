using System.Security.Cryptography;
using System.Text;
using AdversarialSampling.IO;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// What <c>run</c> saves in the run directory so that <c>resume RUNDIR</c> needs nothing else: the configuration file
/// verbatim (<c>config.json</c>), its SHA-256 in <c>sha256sum</c> format (<c>config.sha256</c>), and a copy of the
/// initial data file (<c>initial-data.extxyz</c>, when the configuration names one). Written atomically before the run
/// starts; <c>resume</c> refuses a configuration whose hash no longer matches.
/// </summary>
internal static class RunDirectoryFiles
{
    /// <summary>The saved configuration.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Its SHA-256 ("HEX  config.json", as <c>sha256sum</c> writes it).</summary>
    public const string HashFileName = "config.sha256";

    /// <summary>The copy of the initial data file.</summary>
    public const string InitialDataFileName = "initial-data.extxyz";

    /// <summary>Saves the configuration, its hash and the initial data copy.</summary>
    /// <param name="runDirectory">The run directory (created when missing).</param>
    /// <param name="configBytes">The configuration file's bytes.</param>
    /// <param name="initialDataPath">The initial data file to copy, or null (generated data).</param>
    public static void Save(string runDirectory, byte[] configBytes, string? initialDataPath)
    {
        Directory.CreateDirectory(runDirectory);
        if (initialDataPath is not null)
        {
            AtomicFile.WriteAllBytes(Path.Combine(runDirectory, InitialDataFileName), File.ReadAllBytes(initialDataPath));
        }

        AtomicFile.WriteAllBytes(Path.Combine(runDirectory, ConfigFileName), configBytes);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, HashFileName), Sha256(configBytes) + "  " + ConfigFileName + "\n", new UTF8Encoding(false));
    }

    /// <summary>Reads the saved configuration after checking its hash.</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <returns>The configuration text.</returns>
    /// <exception cref="DirectoryNotFoundException">No such directory.</exception>
    /// <exception cref="FileNotFoundException">No saved configuration (not a directory made by <c>run</c>).</exception>
    /// <exception cref="InvalidDataException">The configuration was altered (hash mismatch) or the hash file is malformed.</exception>
    public static string ReadVerified(string runDirectory)
    {
        if (!Directory.Exists(runDirectory))
        {
            throw new DirectoryNotFoundException($"The run directory '{runDirectory}' does not exist.");
        }

        string configPath = Path.Combine(runDirectory, ConfigFileName);
        string hashPath = Path.Combine(runDirectory, HashFileName);
        if (!File.Exists(configPath) || !File.Exists(hashPath))
        {
            throw new FileNotFoundException(
                $"'{runDirectory}' has no {ConfigFileName} and {HashFileName}: it was not started by 'adversarial-sampling run' (a run started from C# continues with ActiveLearningLoop.ResumeAsync).",
                configPath);
        }

        byte[] bytes = File.ReadAllBytes(configPath);
        string line = File.ReadAllText(hashPath).Trim();
        string recorded = line.Split(' ', 2)[0];
        if (recorded.Length != 64)
        {
            throw new InvalidDataException($"{hashPath} is malformed: expected 'SHA256  {ConfigFileName}', found '{line}'.");
        }

        string actual = Sha256(bytes);
        if (!string.Equals(recorded, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"{configPath} was altered after the run started (SHA-256 {recorded} recorded in {HashFileName}, {actual} found); restore it, or start a new run with the changed configuration.");
        }

        return Text(bytes);
    }

    /// <summary>UTF-8 text of a file's bytes, without a byte-order mark.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The text.</returns>
    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');

    /// <summary>Lower-case hex SHA-256 of bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>64 hex digits.</returns>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
