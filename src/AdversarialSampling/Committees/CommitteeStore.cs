using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdversarialSampling.IO;
using AdversarialSampling.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>
/// Saves and loads trained committees. Format (version 1), one directory:
/// <list type="bullet">
/// <item><c>committee.json</c> — UTF-8 JSON object: <c>format</c> = "adversarial-sampling-committee",
/// <c>version</c> = 1, <c>library</c>, <c>spec</c> (the <see cref="ModelSpec"/> with its <c>kind</c>),
/// <c>options</c> (<see cref="CommitteeOptions"/>: members, seed, dType, training settings), <c>trained</c>,
/// <c>training</c> (the <see cref="CommitteeTrainingResult"/>, or null), <c>normalization</c> (every
/// persistent buffer of the model, e.g. <c>energy_shift</c> and <c>energy_scale</c> in eV, as flat
/// number arrays; informative — the weights file is authoritative) and <c>files</c>: for each file its
/// <c>role</c>, <c>name</c>, <c>bytes</c> and lower-case hex <c>sha256</c>.</item>
/// <item><c>weights-&lt;first 16 hex digits of its SHA-256&gt;.bin</c> — the model's state dictionary
/// (parameters and persistent buffers) in TorchSharp's <c>Module.save</c> format.</item>
/// </list>
/// Every file is written atomically (<see cref="AtomicFile"/>: temporary file in the same directory, flushed,
/// renamed, directory flushed); the weights
/// go first under a content-derived name and committee.json last, so a crash at any point leaves either the
/// previous committee or the new one. Loading verifies each file's length and SHA-256 before use and reports
/// a missing, truncated, corrupt or foreign file with a <see cref="CommitteeFormatException"/> naming it.
/// Models must derive from <c>torch.nn.Module</c> and their spec must be JSON-serialisable as a
/// <see cref="ModelSpec"/> (the built-in "mlp" and "schnet" kinds are).
/// </summary>
public static class CommitteeStore
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "adversarial-sampling-committee";

    /// <summary>The format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Name of the manifest file in a committee directory.</summary>
    public const string ManifestFileName = "committee.json";

    private const string WeightsRole = "weights";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Saves a committee (trained or not) to <paramref name="directory"/>, replacing a committee saved there before.</summary>
    /// <param name="committee">The committee.</param>
    /// <param name="directory">The directory (created if missing).</param>
    /// <exception cref="InvalidOperationException">A weight is not finite (a diverged model is never saved).</exception>
    /// <exception cref="NotSupportedException">The model is not a <c>torch.nn.Module</c> or its spec is not serialisable.</exception>
    public static void Save(TorchCommittee committee, string directory)
    {
        ArgumentNullException.ThrowIfNull(committee);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var module = committee.Model as nn.Module
            ?? throw new NotSupportedException($"Only models deriving from torch.nn.Module can be saved; {committee.Model.GetType().Name} does not.");
        if (!AllFinite(committee.Model))
        {
            throw new InvalidOperationException("The committee has non-finite weights; refusing to save a diverged model.");
        }

        byte[] weights;
        using (var stream = new MemoryStream())
        {
            module.save(stream);
            weights = stream.ToArray();
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(weights));
        string weightsName = $"weights-{hash[..16]}.bin";
        var manifest = new CommitteeManifest
        {
            Format = FormatName,
            Version = FormatVersion,
            Library = "AdversarialSampling " + typeof(CommitteeStore).Assembly.GetName().Version?.ToString(3),
            Spec = committee.Spec,
            Options = committee.Options,
            Trained = committee.IsTrained,
            Training = committee.LastTraining,
            Normalization = Buffers(module),
            Files = [new CommitteeManifestFile(WeightsRole, weightsName, weights.LongLength, hash)],
        };
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
        }
        catch (NotSupportedException ex)
        {
            throw new NotSupportedException($"The model spec {committee.Spec.GetType().Name} cannot be saved: it is not a JSON-registered ModelSpec kind ({ex.Message}).", ex);
        }

        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(Path.Combine(directory, weightsName), weights);
        AtomicFile.WriteAllBytes(Path.Combine(directory, ManifestFileName), json);
        foreach (var stale in Directory.EnumerateFiles(directory, "weights-*.bin"))
        {
            if (!string.Equals(Path.GetFileName(stale), weightsName, StringComparison.Ordinal))
            {
                TryDelete(stale);
            }
        }
    }

    /// <summary>Loads a committee saved with <see cref="Save"/>.</summary>
    /// <param name="directory">The committee directory.</param>
    /// <param name="loggerFactory">Logging for the loaded committee; default none.</param>
    /// <returns>The committee (caller disposes).</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="CommitteeFormatException">A missing, truncated, corrupt, foreign or inconsistent file (named in the message).</exception>
    public static TorchCommittee Load(string directory, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Committee directory '{directory}' does not exist.");
        }

        string manifestPath = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new CommitteeFormatException(manifestPath, $"missing: '{directory}' is not a saved committee.", null);
        }

        var manifest = ReadManifest(manifestPath);
        var entry = manifest.Files!.Find(f => f.Role == WeightsRole)
            ?? throw new CommitteeFormatException(manifestPath, "lists no weights file.", null);
        string weightsPath = Path.Combine(directory, entry.Name);
        var weights = ReadVerified(weightsPath, entry);
        TorchCommittee committee;
        try
        {
            committee = new TorchCommittee(manifest.Spec!, manifest.Options!, loggerFactory);
        }
        catch (ArgumentException ex)
        {
            throw new CommitteeFormatException(manifestPath, $"describes an invalid committee: {ex.Message}", ex);
        }

        try
        {
            using (var stream = new MemoryStream(weights, writable: false))
            {
                ((nn.Module)committee.Model).load(stream, strict: true);
            }

            if (!AllFinite(committee.Model))
            {
                throw new CommitteeFormatException(weightsPath, "contains non-finite weights.", null);
            }
        }
        catch (Exception ex) when (ex is not CommitteeFormatException and not OutOfMemoryException)
        {
            committee.Dispose();
            throw new CommitteeFormatException(weightsPath, $"does not match the architecture in {ManifestFileName}: {ex.Message}", ex);
        }
        catch (CommitteeFormatException)
        {
            committee.Dispose();
            throw;
        }

        committee.IsTrained = manifest.Trained;
        committee.LastTraining = manifest.Training;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TorchCommittee>();
        if (logger.IsEnabled(LogLevel.Information))
        {
            CommitteeLog.CommitteeLoaded(logger, committee.Spec.Kind, committee.MemberCount, directory);
        }

        return committee;
    }

    private static CommitteeManifest ReadManifest(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            using (var doc = JsonDocument.Parse(bytes))
            {
                var root = doc.RootElement;
                string? format = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                if (format != FormatName)
                {
                    throw new CommitteeFormatException(path, $"not a committee manifest (format '{format ?? "missing"}', expected '{FormatName}').", null);
                }

                int version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out int n) ? n : -1;
                if (version != FormatVersion)
                {
                    throw new CommitteeFormatException(path, string.Create(CultureInfo.InvariantCulture, $"format version {version} is not supported (this library reads version {FormatVersion})."), null);
                }
            }

            var manifest = JsonSerializer.Deserialize<CommitteeManifest>(bytes, Json);
            if (manifest?.Spec is null || manifest.Options is null || manifest.Files is null)
            {
                throw new CommitteeFormatException(path, "lacks 'spec', 'options' or 'files'.", null);
            }

            foreach (var file in manifest.Files)
            {
                if (string.IsNullOrEmpty(file.Name) || Path.GetFileName(file.Name) != file.Name || file.Name is "." or "..")
                {
                    throw new CommitteeFormatException(path, $"lists an invalid file name '{file.Name}'.", null);
                }
            }

            return manifest;
        }
        catch (JsonException ex)
        {
            throw new CommitteeFormatException(path, $"not valid committee JSON: {ex.Message}", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new CommitteeFormatException(path, $"unsupported content: {ex.Message}", ex);
        }
    }

    private static byte[] ReadVerified(string path, CommitteeManifestFile entry)
    {
        if (!File.Exists(path))
        {
            throw new CommitteeFormatException(path, $"missing (listed in {ManifestFileName}).", null);
        }

        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.LongLength != entry.Bytes)
        {
            throw new CommitteeFormatException(path, string.Create(CultureInfo.InvariantCulture, $"truncated or altered: {bytes.LongLength} bytes, expected {entry.Bytes}."), null);
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(hash, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new CommitteeFormatException(path, $"corrupt: SHA-256 {hash} does not match {entry.Sha256} recorded in {ManifestFileName}.", null);
        }

        return bytes;
    }

    private static bool AllFinite(ICommitteeModel model)
    {
        using var scope = NewDisposeScope();
        return model.Parameters().All(p => p.isfinite().all().item<bool>());
    }

    private static Dictionary<string, double[]> Buffers(nn.Module module)
    {
        using var scope = NewDisposeScope();
        return module.named_buffers(include_nonpersistent: false)
            .ToDictionary(b => b.name, b => b.buffer.detach().to_type(ScalarType.Float64).cpu().flatten().data<double>().ToArray(), StringComparer.Ordinal);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
