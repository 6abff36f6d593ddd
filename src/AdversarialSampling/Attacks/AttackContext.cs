using AdversarialSampling.Structures;

namespace AdversarialSampling.Attacks;

/// <summary>What an attack needs besides the committee and the seeds.</summary>
/// <param name="Training">The committee's training data: its labelled energies (eV) define the partition function Z.</param>
/// <param name="RandomSeed">Seed for every random choice of the attack (δ₀, random starts).</param>
public sealed record AttackContext(Dataset Training, int RandomSeed = 0);
