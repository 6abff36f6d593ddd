using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>Tensor-level output of <see cref="CommitteeEvaluator"/> (owned by the caller's dispose scope).</summary>
/// <param name="Energies">Energies of every member, [M, B] (eV).</param>
/// <param name="Forces">Forces of every member, [M, A, 3] (eV/Å) = −∂E_m/∂positions.</param>
public readonly record struct CommitteeOutput(Tensor Energies, Tensor Forces);
