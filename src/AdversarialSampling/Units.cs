namespace AdversarialSampling;

/// <summary>
/// Unit constants used at every public edge of the library. Public quantities are in
/// angstrom (Å), electronvolt (eV), eV/Å, kelvin (K) and femtoseconds (fs); this is the one place
/// that converts from other units.
/// </summary>
public static class Units
{
    /// <summary>One kcal/mol in eV (0.0433641043 eV), the factor used by the bundled ammonia data set.</summary>
    public const double KcalPerMol = 0.0433641043;

    /// <summary>One hartree in eV (CODATA 2018: 27.211386245988 eV).</summary>
    public const double Hartree = 27.211386245988;

    /// <summary>One bohr in Å (CODATA 2018: 0.529177210903 Å).</summary>
    public const double Bohr = 0.529177210903;

    /// <summary>Boltzmann constant in eV/K (8.617333262e-5 eV/K).</summary>
    public const double BoltzmannEvPerKelvin = 8.617333262e-5;

    /// <summary>
    /// Kinetic-energy factor: one atomic mass unit times (Å/fs)² expressed in eV (103.642697 eV).
    /// E_kin [eV] = 0.5 · m [amu] · v² [Å²/fs²] · <see cref="AmuAngstromSquaredPerFemtosecondSquared"/>.
    /// </summary>
    public const double AmuAngstromSquaredPerFemtosecondSquared = 103.642697;

    /// <summary>Converts a temperature in K to the thermal energy kT in eV.</summary>
    /// <param name="kelvin">Temperature in K; must be finite and non-negative.</param>
    /// <returns>kT in eV.</returns>
    public static double KelvinToEv(double kelvin)
    {
        if (!double.IsFinite(kelvin) || kelvin < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kelvin), kelvin, "Temperature must be finite and non-negative (K).");
        }

        return kelvin * BoltzmannEvPerKelvin;
    }

    /// <summary>Converts a thermal energy kT in eV to a temperature in K.</summary>
    /// <param name="ev">kT in eV; must be finite and non-negative.</param>
    /// <returns>Temperature in K.</returns>
    public static double EvToKelvin(double ev)
    {
        if (!double.IsFinite(ev) || ev < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ev), ev, "Thermal energy must be finite and non-negative (eV).");
        }

        return ev / BoltzmannEvPerKelvin;
    }
}
