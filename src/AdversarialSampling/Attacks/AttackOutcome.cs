using System.Collections.Immutable;

namespace AdversarialSampling.Attacks;

/// <summary>The result of attacking one seed (one random start).</summary>
public sealed record AttackOutcome
{
    /// <summary>Index of the seed in the input list.</summary>
    public required int SeedIndex { get; init; }

    /// <summary>Index of the random start for this seed (0-based).</summary>
    public int Start { get; init; }

    /// <summary>The attacked structure (positions in Å).</summary>
    public required Structures.AtomicStructure Structure { get; init; }

    /// <summary>Uncertainty of the seed (unit of the metric, e.g. eV²/Å²).</summary>
    public double UncertaintyBefore { get; init; }

    /// <summary>Uncertainty of the attacked structure (same unit).</summary>
    public double UncertaintyAfter { get; init; }

    /// <summary>Natural log of the objective at the seed (dimensionless).</summary>
    public double LogObjectiveBefore { get; init; }

    /// <summary>Natural log of the objective at the attacked structure.</summary>
    public double LogObjectiveAfter { get; init; }

    /// <summary>Committee-mean predicted energy of the attacked structure (eV).</summary>
    public double PredictedEnergy { get; init; }

    /// <summary>Steps taken.</summary>
    public int Steps { get; init; }

    /// <summary>Why the attack stopped.</summary>
    public AttackExitReason ExitReason { get; init; }

    /// <summary>Every accepted state of the trajectory, in order (empty unless the attack records traces).</summary>
    public ImmutableArray<AttackTraceStep> Trace { get; init; } = [];
}
