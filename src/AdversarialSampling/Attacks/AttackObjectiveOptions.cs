using System.Globalization;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Attacks;

/// <summary>
/// What an attack maximises: log[u · exp(−Ē/kT) / Z] (see <see cref="BoltzmannObjective"/>), with u from
/// <see cref="Metric"/> and Z from the training labels of <see cref="AttackContext.Training"/>.
/// </summary>
public sealed record AttackObjectiveOptions
{
    /// <summary>
    /// The temperature of the Boltzmann factor; no default (the unset value is rejected by validation): give it
    /// as kelvin (<see cref="Temperature.FromKelvin"/>) or as kT in eV (<see cref="Temperature.FromThermalEnergy"/>);
    /// <see cref="Temperature.Infinite"/> drops the Boltzmann factor.
    /// </summary>
    public Temperature Temperature { get; init; }

    /// <summary>Total (default) or per-atom energies, used on both sides (Ē and the training labels).</summary>
    public BoltzmannEnergy EnergyMode { get; init; } = BoltzmannEnergy.Total;

    /// <summary>Energy reference subtracted from Ē and every E_k (eV, or eV/atom); null (default) = the training minimum. Cancels exactly; avoids overflow.</summary>
    public double? EnergyReference { get; init; }

    /// <summary>The uncertainty u; default <see cref="ForceVariance"/> (unbiased, eV²/Å²), the paper's choice.</summary>
    public IDifferentiableUncertaintyMetric Metric { get; init; } = new ForceVariance();

    /// <summary>Floor of u inside log u (metric unit); default <see cref="BoltzmannObjective.DefaultUncertaintyFloor"/> (1e-30).</summary>
    public double UncertaintyFloor { get; init; } = BoltzmannObjective.DefaultUncertaintyFloor;

    /// <summary>Builds the objective from the training labels.</summary>
    /// <param name="training">The committee's training data (at least one sample).</param>
    /// <returns>The objective.</returns>
    public BoltzmannObjective Create(Dataset training)
        => BoltzmannObjective.FromTraining(training, Temperature, EnergyMode, EnergyReference, UncertaintyFloor);

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <param name="prefix">Prefix of every message, e.g. "Objective".</param>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate(string prefix = "Objective")
    {
        var problems = new List<string>();
        if (!Temperature.IsValid)
        {
            problems.Add($"{prefix}.Temperature must be set explicitly, as kelvin (Temperature.FromKelvin) or as kT in eV (Temperature.FromThermalEnergy); found kT = {Temperature.KT.ToString(CultureInfo.InvariantCulture)} eV.");
        }

        if (!Enum.IsDefined(EnergyMode))
        {
            problems.Add($"{prefix}.EnergyMode {(int)EnergyMode} is not a defined BoltzmannEnergy.");
        }

        if (EnergyReference is double r && !double.IsFinite(r))
        {
            problems.Add($"{prefix}.EnergyReference must be finite (eV) or null; found {r.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (Metric is null)
        {
            problems.Add($"{prefix}.Metric must not be null.");
        }

        if (!(UncertaintyFloor > 0 && double.IsFinite(UncertaintyFloor)))
        {
            problems.Add($"{prefix}.UncertaintyFloor must be positive and finite; found {UncertaintyFloor.ToString(CultureInfo.InvariantCulture)}.");
        }

        return problems;
    }
}
