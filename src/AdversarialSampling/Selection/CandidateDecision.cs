namespace AdversarialSampling.Selection;

/// <summary>The decision about one candidate.</summary>
public sealed record CandidateDecision
{
    /// <summary>Index of the candidate in the input.</summary>
    public required int Index { get; init; }

    /// <summary>The candidate's <see cref="SelectionCandidate.Id"/>, if any.</summary>
    public string? Id { get; init; }

    /// <summary>Why it was accepted or rejected.</summary>
    public required DecisionReason Reason { get; init; }

    /// <summary>The candidate's score (in <see cref="SelectionResult.Threshold"/>'s unit; NaN for a null candidate).</summary>
    public required double Score { get; init; }

    /// <summary>The uncertainty threshold value the score was compared with (same unit).</summary>
    public required double Threshold { get; init; }

    /// <summary>
    /// For duplicates and cluster members: index of the training structure (<see cref="DecisionReason.DuplicateOfTraining"/>)
    /// or of the kept candidate; otherwise null.
    /// </summary>
    public int? ReferenceIndex { get; init; }

    /// <summary>RMSD to <see cref="ReferenceIndex"/> (Å), or null.</summary>
    public double? Rmsd { get; init; }

    /// <summary>A human-readable reason, e.g. "duplicate of training 12 at RMSD 0.031 Å".</summary>
    public required string Explanation { get; init; }

    /// <summary>True if <see cref="Reason"/> is <see cref="DecisionReason.Accepted"/>.</summary>
    public bool IsAccepted => Reason == DecisionReason.Accepted;

    /// <summary>"candidate 3 (id): explanation".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => Id is null ? $"candidate {Index}: {Explanation}" : $"candidate {Index} ({Id}): {Explanation}";
}
