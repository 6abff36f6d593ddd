using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdversarialSampling.Runs;

namespace AdversarialSampling.Loop;

/// <summary>
/// The configuration fingerprint of a loop (see <see cref="ActiveLearningLoop.Fingerprint"/>): a JSON object with one
/// property per result-changing setting. Objects are serialised by their runtime type's public properties; one that
/// cannot be serialised is represented by its type name.
/// </summary>
internal static class LoopFingerprint
{
    public static string Compute(LoopSettings s)
    {
        var o = new JsonObject
        {
            ["seed"] = s.Seed,
            ["committee"] = s.Spec is not null
                ? new JsonObject
                {
                    ["spec"] = Node(s.Spec),
                    ["options"] = Node(s.CommitteeOptions! with { Seed = 0 }),
                }
                : new JsonObject { ["factory"] = s.CommitteeFactoryType?.FullName },
            ["oracle"] = s.Oracle.Identity.ToCanonicalString(),
            ["initialData"] = InitialDataHash(s),
            ["uncertainty"] = Described(s.Metric),
            ["explorers"] = new JsonArray([.. s.Explorers.Select(e => (JsonNode)new JsonObject
            {
                ["share"] = e.Share,
                ["attack"] = Described(e.Attack),
            })]),
            ["seedPolicy"] = s.SeedPolicy.ToString(),
            ["selection"] = Node(s.Selection with { Seed = 0 }),
            ["retraining"] = Node(s.Retraining),
            ["geometryGate"] = new JsonObject
            {
                ["covalentFactor"] = s.Labelling.GeometryGate.CovalentFactor,
                ["minimumDistance"] = s.Labelling.GeometryGate.MinimumDistance,
            },
            ["physicsGate"] = new JsonObject
            {
                ["maxForceNorm"] = Number(s.Labelling.PhysicsGate.MaxForceNorm),
                ["maxEnergyDeviationPerAtom"] = Number(s.Labelling.PhysicsGate.MaxEnergyDeviationPerAtom),
                ["referenceEnergy"] = s.Labelling.PhysicsGate.ReferenceEnergy is null ? "none" : "custom",
            },
            ["maxFailureRatio"] = s.MaxFailureRatio,
            ["temperatureKT"] = s.Temperature is { } t ? Number(t.KT) : null,
        };
        return o.ToJsonString(LoopJson.Options);
    }

    /// <summary>The names of the top-level settings that differ between two fingerprints, with both values.</summary>
    public static IReadOnlyList<string> Differences(string stored, string current)
    {
        JsonObject? a, b;
        try
        {
            a = JsonNode.Parse(stored) as JsonObject;
            b = JsonNode.Parse(current) as JsonObject;
        }
        catch (JsonException)
        {
            a = b = null;
        }

        if (a is null || b is null)
        {
            return ["The run's stored configuration is not a loop fingerprint (was the run created by another tool?)."];
        }

        return [.. a.Select(kv => kv.Key).Union(b.Select(kv => kv.Key)).Where(k => !JsonNode.DeepEquals(a[k], b[k])).Select(k =>
            $"Setting '{k}' differs from the run's: the run has {Short(a[k])}, this loop has {Short(b[k])}.")];
    }

    private static string Short(JsonNode? node)
    {
        string text = node?.ToJsonString(LoopJson.Compact) ?? "nothing";
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private static JsonValue Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    private static JsonNode? Node(object value, Type? type = null) => JsonSerializer.SerializeToNode(value, type ?? value.GetType(), LoopJson.Options);

    private static JsonObject Described(object value)
    {
        var o = new JsonObject { ["type"] = value.GetType().FullName };
        try
        {
            o["settings"] = Node(value);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
        {
            o["settings"] = "not serialisable";
        }

        return o;
    }

    private static string InitialDataHash(LoopSettings s)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var sample in s.InitialData)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(StoreText.SampleToXyz(sample)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
