namespace AdversarialSampling.Uncertainty;

/// <summary>Display helpers for <see cref="UncertaintyUnit"/>.</summary>
public static class UncertaintyUnitExtensions
{
    /// <summary>The unit symbol: "eV²/Å²", "eV²" or "(eV/atom)²".</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The symbol.</returns>
    public static string Symbol(this UncertaintyUnit unit) => unit switch
    {
        UncertaintyUnit.ForceVariance => "eV²/Å²",
        UncertaintyUnit.EnergyVariance => "eV²",
        UncertaintyUnit.EnergyPerAtomVariance => "(eV/atom)²",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown uncertainty unit."),
    };

    /// <summary>The unit with what it measures, e.g. "eV²/Å² (force variance)", for error messages.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The description.</returns>
    public static string Describe(this UncertaintyUnit unit) => unit switch
    {
        UncertaintyUnit.ForceVariance => "eV²/Å² (force variance)",
        UncertaintyUnit.EnergyVariance => "eV² (energy variance)",
        UncertaintyUnit.EnergyPerAtomVariance => "(eV/atom)² (per-atom energy variance)",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown uncertainty unit."),
    };
}
