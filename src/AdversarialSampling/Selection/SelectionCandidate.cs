namespace AdversarialSampling.Selection;

/// <summary>A structure proposed for labelling, with its uncertainty score.</summary>
/// <param name="Structure">The structure (Å).</param>
/// <param name="Score">Its uncertainty in the metric's unit (e.g. eV²/Å² for force variance); non-finite scores are rejected as invalid.</param>
/// <param name="Id">Optional identifier or provenance shown in reasons (e.g. "gen2/seed7"); default none.</param>
public sealed record SelectionCandidate(Structures.AtomicStructure Structure, double Score, string? Id = null);
