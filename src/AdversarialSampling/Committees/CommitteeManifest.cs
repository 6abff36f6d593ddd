using AdversarialSampling.Models;

namespace AdversarialSampling.Committees;

/// <summary>The content of committee.json (see <see cref="CommitteeStore"/>).</summary>
internal sealed record CommitteeManifest
{
    public string Format { get; init; } = string.Empty;

    public int Version { get; init; }

    public string Library { get; init; } = string.Empty;

    public ModelSpec? Spec { get; init; }

    public CommitteeOptions? Options { get; init; }

    public bool Trained { get; init; }

    public CommitteeTrainingResult? Training { get; init; }

    public Dictionary<string, double[]>? Normalization { get; init; }

    public List<CommitteeManifestFile>? Files { get; init; }
}
