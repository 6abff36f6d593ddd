using System.Globalization;
using AdversarialSampling.Attacks;

namespace AdversarialSampling.Loop;

/// <summary>Where a candidate came from (N5), stored as its provenance JSON and copied onto its label's metadata.</summary>
internal sealed record CandidateProvenance
{
    public required string Explorer { get; init; }

    public required int SeedIndex { get; init; }

    public int Start { get; init; }

    public AttackExitReason AttackExit { get; init; }

    public int AttackSteps { get; init; }

    public double PredictedEnergy { get; init; }

    /// <summary>Metadata for the labelled sample (generation, candidate index, explorer, seed, start, score, attack exit).</summary>
    public Dictionary<string, object> ToMetadata(int generation, int candidateIndex, double? score)
    {
        var metadata = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["generation"] = (long)generation,
            ["candidate_index"] = (long)candidateIndex,
            ["explorer"] = Explorer,
            ["seed_index"] = (long)SeedIndex,
            ["start"] = (long)Start,
            ["attack_exit"] = AttackExit.ToString(),
            ["attack_steps"] = (long)AttackSteps,
        };
        if (double.IsFinite(PredictedEnergy))
        {
            metadata["predicted_energy"] = PredictedEnergy;
        }

        if (score is double s && double.IsFinite(s))
        {
            metadata["score"] = s;
        }

        return metadata;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Explorer}/seed {SeedIndex}/start {Start}");
}
