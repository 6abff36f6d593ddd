namespace AdversarialSampling.Dynamics;

/// <summary>The ensemble a <see cref="MolecularDynamics"/> run samples.</summary>
public enum ThermostatKind
{
    /// <summary>No thermostat: microcanonical (NVE) velocity Verlet.</summary>
    None,

    /// <summary>
    /// Langevin dynamics (NVT) integrated with the BAOAB splitting of Leimkuhler and Matthews
    /// (Appl. Math. Res. Express 2013, 34): friction <see cref="MdOptions.FrictionPerFs"/>, bath temperature
    /// <see cref="MdOptions.TargetTemperatureK"/>.
    /// </summary>
    Langevin,
}
