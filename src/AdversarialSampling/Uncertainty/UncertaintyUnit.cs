namespace AdversarialSampling.Uncertainty;

/// <summary>The unit an uncertainty value is expressed in.</summary>
public enum UncertaintyUnit
{
    /// <summary>Force variance, eV²/Å².</summary>
    ForceVariance,

    /// <summary>Total-energy variance, eV².</summary>
    EnergyVariance,

    /// <summary>Per-atom energy variance, (eV/atom)².</summary>
    EnergyPerAtomVariance,
}
