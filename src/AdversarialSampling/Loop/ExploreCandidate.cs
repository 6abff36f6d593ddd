using AdversarialSampling.Attacks;

namespace AdversarialSampling.Loop;

/// <summary>One attack outcome as stored in the explore phase's payload (structure as exact extended XYZ text).</summary>
internal sealed record ExploreCandidate
{
    public required int Explorer { get; init; }

    public required int SeedIndex { get; init; }

    public int Start { get; init; }

    public required string Xyz { get; init; }

    public double AttackUncertainty { get; init; }

    public double PredictedEnergy { get; init; }

    public AttackExitReason Exit { get; init; }

    public int Steps { get; init; }
}
