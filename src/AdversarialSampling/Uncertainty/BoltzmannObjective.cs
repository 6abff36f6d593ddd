using System.Globalization;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Uncertainty;

/// <summary>
/// The adversarial objective of the paper in log space: log[u(x) · p(x)] with p(x) = exp(−Ē(x)/kT) / Z,
/// Ē the committee-mean predicted energy and Z = (1/K) Σ_k exp(−E_k/kT) over the K training labels, so
/// <code>log objective = log u − (Ē − E_ref)/kT − log Z′,   log Z′ = logsumexp_k(−(E_k − E_ref)/kT) − log K.</code>
/// <para>
/// <b>Energy reference.</b> E_ref (eV, or eV/atom in <see cref="BoltzmannEnergy.PerAtom"/> mode; default the
/// training minimum) is subtracted from both Ē and every E_k. It cancels exactly — in the value as well as in
/// the optimum, since Z′ = Z·exp(E_ref/kT) — but keeps the numbers small: absolute DFT or xtb energies
/// (−10⁴ eV) divided by kT = 0.025 eV would overflow exp() and lose every significant digit in float32.
/// </para>
/// <para>
/// <b>Energy mode.</b> <see cref="BoltzmannEnergy.Total"/> uses Ē and E_k; <see cref="BoltzmannEnergy.PerAtom"/>
/// uses Ē/N and E_k/N_k on both sides.
/// </para>
/// <para>
/// <b>Floor.</b> log u is computed as log max(u, <see cref="UncertaintyFloor"/>) (default 1e-30, in the unit of
/// the metric) so an exactly zero variance (e.g. a one-member committee, or a coordinate the model does not
/// read) gives a large negative but finite value instead of −∞; below the floor the gradient of log u is zero.
/// </para>
/// kT = +∞ (<see cref="Temperature.Infinite"/>) drops the Boltzmann factor: the objective is log u.
/// Immutable and thread-safe.
/// </summary>
public sealed class BoltzmannObjective
{
    /// <summary>Default floor of the uncertainty inside the logarithm (1e-30, metric unit).</summary>
    public const double DefaultUncertaintyFloor = 1e-30;

    /// <summary>Creates an objective from its constants (use <see cref="FromTraining"/> to compute them from labels).</summary>
    /// <param name="temperature">The temperature (valid: kT &gt; 0 or +∞).</param>
    /// <param name="logPartition">log Z′ (dimensionless), computed with the same reference and mode.</param>
    /// <param name="energyReference">E_ref (eV, or eV/atom in per-atom mode), finite.</param>
    /// <param name="energyMode">Total (default) or per-atom energies.</param>
    /// <param name="uncertaintyFloor">Floor of u inside the logarithm; positive; default 1e-30.</param>
    /// <exception cref="ArgumentException">An invalid value (named).</exception>
    public BoltzmannObjective(
        Temperature temperature,
        double logPartition,
        double energyReference,
        BoltzmannEnergy energyMode = BoltzmannEnergy.Total,
        double uncertaintyFloor = DefaultUncertaintyFloor)
    {
        if (!temperature.IsValid)
        {
            throw new ArgumentException($"The temperature must be set (kT > 0 or +∞); found kT = {Format(temperature.KT)} eV.", nameof(temperature));
        }

        if (!double.IsFinite(logPartition))
        {
            throw new ArgumentException($"log Z must be finite; found {Format(logPartition)}.", nameof(logPartition));
        }

        if (!double.IsFinite(energyReference))
        {
            throw new ArgumentException($"The energy reference must be finite (eV); found {Format(energyReference)}.", nameof(energyReference));
        }

        if (!Enum.IsDefined(energyMode))
        {
            throw new ArgumentException($"Unknown energy mode {(int)energyMode}.", nameof(energyMode));
        }

        if (!(uncertaintyFloor > 0 && double.IsFinite(uncertaintyFloor)))
        {
            throw new ArgumentException($"The uncertainty floor must be positive and finite; found {Format(uncertaintyFloor)}.", nameof(uncertaintyFloor));
        }

        Temperature = temperature;
        LogPartition = logPartition;
        EnergyReference = energyReference;
        EnergyMode = energyMode;
        UncertaintyFloor = uncertaintyFloor;
    }

    /// <summary>The temperature.</summary>
    public Temperature Temperature { get; }

    /// <summary>Total or per-atom energies, on both sides.</summary>
    public BoltzmannEnergy EnergyMode { get; }

    /// <summary>E_ref (eV, or eV/atom in per-atom mode) subtracted from Ē and every E_k.</summary>
    public double EnergyReference { get; }

    /// <summary>log Z′ = logsumexp_k(−(E_k − E_ref)/kT) − log K (dimensionless).</summary>
    public double LogPartition { get; }

    /// <summary>Floor of u inside the logarithm (metric unit); default 1e-30.</summary>
    public double UncertaintyFloor { get; }

    /// <summary>
    /// Computes log Z′ from training labels with log-sum-exp (no overflow at any energy scale or temperature).
    /// </summary>
    /// <param name="training">The committee's training samples (energies in eV; at least one).</param>
    /// <param name="temperature">The temperature (kT &gt; 0 or +∞).</param>
    /// <param name="energyMode">Total (default) or per-atom energies.</param>
    /// <param name="energyReference">E_ref (eV, or eV/atom); default null = the training minimum in the chosen mode.</param>
    /// <param name="uncertaintyFloor">Floor of u inside the logarithm; default 1e-30.</param>
    /// <returns>The objective.</returns>
    /// <exception cref="ArgumentException">Empty training set or invalid settings.</exception>
    public static BoltzmannObjective FromTraining(
        IReadOnlyCollection<LabelledSample> training,
        Temperature temperature,
        BoltzmannEnergy energyMode = BoltzmannEnergy.Total,
        double? energyReference = null,
        double uncertaintyFloor = DefaultUncertaintyFloor)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException("The partition function needs at least one training energy; the training set is empty.", nameof(training));
        }

        var energies = training.Select(s => ModeEnergy(s.Energy, s.Structure.AtomCount, energyMode)).ToArray();
        double reference = energyReference ?? energies.Min();
        double logZ = 0;
        if (temperature.IsValid && !double.IsPositiveInfinity(temperature.KT))
        {
            var exponents = energies.Select(e => -(e - reference) / temperature.KT).ToArray();
            logZ = LogSumExp(exponents) - Math.Log(exponents.Length);
        }

        return new BoltzmannObjective(temperature, logZ, reference, energyMode, uncertaintyFloor);
    }

    /// <summary>log(Σ exp(xᵢ)) computed stably (max-shifted); −∞ for an empty list.</summary>
    /// <param name="values">Exponents.</param>
    /// <returns>The log-sum-exp.</returns>
    public static double LogSumExp(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NegativeInfinity;
        }

        double max = values.Max();
        if (double.IsInfinity(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>The energy in the objective's mode: E (total) or E/N (per atom).</summary>
    /// <param name="energy">Total energy (eV).</param>
    /// <param name="atomCount">Atoms N (≥ 1 in per-atom mode).</param>
    /// <returns>eV or eV/atom.</returns>
    public double ModeEnergy(double energy, int atomCount) => ModeEnergy(energy, atomCount, EnergyMode);

    /// <summary>log p = −(Ē − E_ref)/kT − log Z′ for a committee-mean total energy.</summary>
    /// <param name="meanEnergy">Committee-mean total energy Ē (eV).</param>
    /// <param name="atomCount">Atoms N of the structure.</param>
    /// <returns>The log probability (dimensionless).</returns>
    public double LogProbability(double meanEnergy, int atomCount)
        => double.IsPositiveInfinity(Temperature.KT)
            ? -LogPartition
            : (-(ModeEnergy(meanEnergy, atomCount) - EnergyReference) / Temperature.KT) - LogPartition;

    /// <summary>log objective = log max(u, floor) + log p.</summary>
    /// <param name="uncertainty">u (metric unit, ≥ 0).</param>
    /// <param name="meanEnergy">Committee-mean total energy Ē (eV).</param>
    /// <param name="atomCount">Atoms N of the structure.</param>
    /// <returns>The log objective (dimensionless).</returns>
    public double LogObjective(double uncertainty, double meanEnergy, int atomCount)
        => Math.Log(Math.Max(uncertainty, UncertaintyFloor)) + LogProbability(meanEnergy, atomCount);

    /// <summary>The log objective of a batch, differentiably (for the attack's autograd).</summary>
    /// <param name="uncertainty">u of each structure, [B] (metric unit).</param>
    /// <param name="meanEnergy">Committee-mean total energy of each structure, [B] (eV), same dtype.</param>
    /// <param name="atomCounts">Atoms per structure, [B], same dtype (used in per-atom mode only).</param>
    /// <returns>[B], same dtype; the caller owns it (create it inside a dispose scope).</returns>
    public Tensor LogObjective(Tensor uncertainty, Tensor meanEnergy, Tensor atomCounts)
    {
        ArgumentNullException.ThrowIfNull(uncertainty);
        ArgumentNullException.ThrowIfNull(meanEnergy);
        ArgumentNullException.ThrowIfNull(atomCounts);
        using var floor = TorchScalars.Of(UncertaintyFloor);
        var logU = uncertainty.clamp_min(floor).log();
        if (double.IsPositiveInfinity(Temperature.KT))
        {
            return logU.Minus(LogPartition);
        }

        var energy = EnergyMode == BoltzmannEnergy.PerAtom ? meanEnergy / atomCounts : meanEnergy;
        return (logU - energy.Minus(EnergyReference).Over(Temperature.KT)).Minus(LogPartition);
    }

    /// <summary>E.g. "log[u·exp(−(Ē − E_ref)/kT)/Z′], kT = 5 eV (…), Total, E_ref = −3.96, log Z′ = −0.41".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"log[u·exp(−(Ē − E_ref)/kT)/Z′], {Temperature}, {EnergyMode}, E_ref = {EnergyReference:G6}, log Z′ = {LogPartition:G6}");

    private static double ModeEnergy(double energy, int atomCount, BoltzmannEnergy mode)
        => mode == BoltzmannEnergy.PerAtom ? energy / Math.Max(atomCount, 1) : energy;

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
