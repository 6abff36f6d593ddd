using System.Globalization;

namespace AdversarialSampling.Loop;

/// <summary>
/// Boltzmann-style weighting of the training loss (<see cref="RetrainingOptions.LossWeighting"/>): a label of energy E
/// weighs w(E) = max(exp(−max(0, E − E_min)/kT), <see cref="MinimumWeight"/>), where E_min is the lowest energy of the
/// initial data (total energy, eV). Labels at and below E_min weigh 1; labels far above the region of interest still
/// teach the committee the shape of the surface there but no longer dominate the squared errors (energies and forces
/// grow fast up the walls). Weights are normalised to a mean of 1 over the training set, so the loss keeps its scale.
/// </summary>
public sealed record BoltzmannLossWeighting
{
    /// <summary>Thermal energy kT of the weighting (eV; e.g. the attack's kT); required, positive and finite.</summary>
    public required double ThermalEnergy { get; init; }

    /// <summary>Lower bound of a weight, in [0, 1]; default 0.01, so no label is ever ignored entirely (0 makes the weighting a soft ceiling).</summary>
    public double MinimumWeight { get; init; } = 0.01;

    /// <summary>The weight of a label.</summary>
    /// <param name="energy">The label's energy (eV).</param>
    /// <param name="minimum">E_min, the lowest energy of the initial data (eV).</param>
    /// <returns>The weight, in [<see cref="MinimumWeight"/>, 1].</returns>
    public double WeightOf(double energy, double minimum)
        => Math.Max(Math.Exp(-Math.Max(0, energy - minimum) / ThermalEnergy), MinimumWeight);

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <param name="prefix">Prefix of every message; default "Retraining.LossWeighting".</param>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate(string prefix = "Retraining.LossWeighting")
    {
        var problems = new List<string>();
        if (!(ThermalEnergy > 0 && double.IsFinite(ThermalEnergy)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}.ThermalEnergy must be positive and finite (eV); found {ThermalEnergy}."));
        }

        if (!(MinimumWeight >= 0 && MinimumWeight <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}.MinimumWeight must be in [0, 1]; found {MinimumWeight}."));
        }

        return problems;
    }
}
