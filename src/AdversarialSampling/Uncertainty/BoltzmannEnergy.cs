namespace AdversarialSampling.Uncertainty;

/// <summary>
/// Which energy enters the Boltzmann factor of the attack objective. The same choice is applied to the
/// committee-mean prediction Ē and to the training labels E_k of the partition function, so the temperature
/// keeps one meaning (the reference code mixed them, which silently rescales kT by the atom count).
/// </summary>
public enum BoltzmannEnergy
{
    /// <summary>Total energies: Ē and E_k in eV per structure (the default; the natural choice for one molecule).</summary>
    Total,

    /// <summary>Per-atom energies: Ē/N and E_k/N_k in eV/atom (for data sets mixing structure sizes).</summary>
    PerAtom,
}
