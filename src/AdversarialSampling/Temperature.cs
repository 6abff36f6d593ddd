using System.Globalization;

namespace AdversarialSampling;

/// <summary>
/// A temperature stated explicitly, either in kelvin or as a thermal energy kT in eV (toy surfaces use
/// dimensionless energies treated as eV, so their "kT = 5" is <c>Temperature.FromThermalEnergy(5)</c>).
/// Positive infinity is allowed and means "no Boltzmann factor" (every energy equally likely). The default
/// value (kT = 0) is invalid on purpose: an attack refuses to run until a temperature is chosen.
/// </summary>
public readonly record struct Temperature
{
    private Temperature(double kT) => KT = kT;

    /// <summary>The thermal energy kT (eV); positive, or +∞ for no Boltzmann factor. 0 for the unset default.</summary>
    public double KT { get; }

    /// <summary>The temperature in K (kT / k_B, with k_B = <see cref="Units.BoltzmannEvPerKelvin"/>).</summary>
    public double Kelvin => KT / Units.BoltzmannEvPerKelvin;

    /// <summary>True when kT is positive (finite or +∞); false for the unset default and invalid values.</summary>
    public bool IsValid => KT > 0 && !double.IsNaN(KT);

    /// <summary>No Boltzmann factor (kT = +∞): the objective is the uncertainty alone.</summary>
    public static Temperature Infinite { get; } = new(double.PositiveInfinity);

    /// <summary>A temperature in kelvin.</summary>
    /// <param name="kelvin">Temperature (K), positive (finite or +∞).</param>
    /// <returns>The temperature.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or NaN.</exception>
    public static Temperature FromKelvin(double kelvin)
    {
        if (!(kelvin > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(kelvin), kelvin, "A temperature must be positive (K).");
        }

        return new(kelvin * Units.BoltzmannEvPerKelvin);
    }

    /// <summary>A temperature given as its thermal energy kT.</summary>
    /// <param name="kT">kT (eV), positive (finite or +∞).</param>
    /// <returns>The temperature.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or NaN.</exception>
    public static Temperature FromThermalEnergy(double kT)
    {
        if (!(kT > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(kT), kT, "A thermal energy kT must be positive (eV).");
        }

        return new(kT);
    }

    /// <summary>E.g. "kT = 0.025852 eV (300 K)".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"kT = {KT:G6} eV ({Kelvin:G6} K)");
}
