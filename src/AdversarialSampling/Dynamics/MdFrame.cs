using System.Globalization;

namespace AdversarialSampling.Dynamics;

/// <summary>The energies of one recorded step of a <see cref="MolecularDynamics"/> run.</summary>
/// <param name="Step">Step number (0 = the initial state).</param>
/// <param name="TimeFs">Simulated time (fs) = step × time step.</param>
/// <param name="PotentialEnergy">Potential energy (eV).</param>
/// <param name="KineticEnergy">Kinetic energy (eV).</param>
/// <param name="TemperatureK">Instantaneous temperature (K), with the degrees of freedom of <see cref="Velocities"/>.</param>
public sealed record MdFrame(int Step, double TimeFs, double PotentialEnergy, double KineticEnergy, double TemperatureK)
{
    /// <summary>Total energy E_pot + E_kin (eV).</summary>
    public double TotalEnergy => PotentialEnergy + KineticEnergy;

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"step {Step} ({TimeFs:G6} fs): E_pot {PotentialEnergy:G8} eV, E_kin {KineticEnergy:G6} eV, T {TemperatureK:F1} K");
}
