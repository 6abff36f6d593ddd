using System.Collections.Immutable;
using AdversarialSampling.Attacks;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Explorers;

/// <summary>The result of <see cref="MdExplorer.Explore(ICommittee, IReadOnlyList{Structures.AtomicStructure}, AttackContext, CancellationToken)"/>.</summary>
public sealed record MdExploration
{
    /// <summary>The collected frames as attack outcomes, ordered by seed, replica, then step (see <see cref="MdExplorer"/>).</summary>
    public required ImmutableArray<AttackOutcome> Candidates { get; init; }

    /// <summary>Every trajectory, ordered by seed then replica.</summary>
    public required ImmutableArray<MdExplorerTrajectory> Trajectories { get; init; }

    /// <summary>The threshold applied (explicit, or the percentile of the training uncertainties).</summary>
    public required UncertaintyThreshold Threshold { get; init; }

    /// <summary>Trajectories that exploded (unstable or non-finite).</summary>
    public int Exploded => Trajectories.Count(t => t.Exploded);
}
