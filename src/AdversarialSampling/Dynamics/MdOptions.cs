using System.Globalization;

namespace AdversarialSampling.Dynamics;

/// <summary>
/// Options of a <see cref="MolecularDynamics"/> run. Defaults: NVE velocity Verlet, 1 fs step, 1000 steps,
/// Maxwell–Boltzmann start at 300 K (seed 0) with zero total momentum, energies recorded every step, no trajectory
/// file, no stability check.
/// </summary>
public sealed record MdOptions
{
    /// <summary>Time step (fs), finite and positive; default 1 fs.</summary>
    public double TimeStepFs { get; init; } = 1;

    /// <summary>Number of steps (≥ 0); default 1000.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Temperature of the Maxwell–Boltzmann initial velocities (K, ≥ 0), used when no initial velocities are given; default 300 K.</summary>
    public double InitialTemperatureK { get; init; } = 300;

    /// <summary>Seed of the initial velocities and of the Langevin noise; default 0. The same inputs and seed give the same trajectory.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Hold the total momentum at zero along the momentum axes (see <see cref="Velocities"/>): the initial
    /// velocities have none, the Langevin noise is projected so that it adds none, and the degrees of freedom of the
    /// temperature are reduced accordingly. Default true.
    /// </summary>
    public bool ZeroTotalMomentum { get; init; } = true;

    /// <summary>Ensemble: <see cref="ThermostatKind.None"/> (NVE velocity Verlet, default) or <see cref="ThermostatKind.Langevin"/> (NVT, BAOAB).</summary>
    public ThermostatKind Thermostat { get; init; } = ThermostatKind.None;

    /// <summary>Langevin bath temperature (K, ≥ 0); null (default) uses <see cref="InitialTemperatureK"/>.</summary>
    public double? TargetTemperatureK { get; init; }

    /// <summary>Langevin friction γ (1/fs, finite and positive); default 0.01 fs⁻¹ (velocity relaxation time 100 fs).</summary>
    public double FrictionPerFs { get; init; } = 0.01;

    /// <summary>Steps between recorded energy frames and progress reports (≥ 1); default 1. Step 0 and the last step are always recorded.</summary>
    public int SampleInterval { get; init; } = 1;

    /// <summary>Extended XYZ trajectory file written while running (its directory must exist), or null (default) for none.</summary>
    public string? TrajectoryPath { get; init; }

    /// <summary>Steps between trajectory frames (≥ 1); default 10. Step 0 and the last step are always written.</summary>
    public int TrajectoryInterval { get; init; } = 10;

    /// <summary>The stability criterion checked along the trajectory, or null (default) for none.</summary>
    public StabilityChecker? Stability { get; init; }

    /// <summary>Steps between stability checks (≥ 1); default 1 (every step). Step 0 is always checked.</summary>
    public int StabilityCheckInterval { get; init; } = 1;

    /// <summary>Stop at the first stability violation (exit reason <see cref="MdExitReason.Unstable"/>); default true. When false the first violation is still reported.</summary>
    public bool StopOnInstability { get; init; } = true;

    /// <summary>The Langevin bath temperature in effect (K).</summary>
    public double EffectiveTargetTemperatureK => TargetTemperatureK ?? InitialTemperatureK;

    /// <summary>Throws one exception listing every invalid option.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (!(TimeStepFs > 0 && double.IsFinite(TimeStepFs)))
        {
            problems.Add($"TimeStepFs must be finite and positive (fs); got {Format(TimeStepFs)}.");
        }

        if (Steps < 0)
        {
            problems.Add($"Steps must be ≥ 0; got {Steps.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(InitialTemperatureK >= 0 && double.IsFinite(InitialTemperatureK)))
        {
            problems.Add($"InitialTemperatureK must be finite and ≥ 0 K; got {Format(InitialTemperatureK)}.");
        }

        if (TargetTemperatureK is { } target && !(target >= 0 && double.IsFinite(target)))
        {
            problems.Add($"TargetTemperatureK must be finite and ≥ 0 K (or null); got {Format(target)}.");
        }

        if (!(FrictionPerFs > 0 && double.IsFinite(FrictionPerFs)))
        {
            problems.Add($"FrictionPerFs must be finite and positive (1/fs); got {Format(FrictionPerFs)}.");
        }

        if (!Enum.IsDefined(Thermostat))
        {
            problems.Add($"Thermostat {Thermostat} is unknown.");
        }

        AddIfBelowOne(problems, nameof(SampleInterval), SampleInterval);
        AddIfBelowOne(problems, nameof(TrajectoryInterval), TrajectoryInterval);
        AddIfBelowOne(problems, nameof(StabilityCheckInterval), StabilityCheckInterval);
        if (TrajectoryPath is { Length: 0 })
        {
            problems.Add("TrajectoryPath must not be empty (use null for no trajectory).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid MD options: " + string.Join(" ", problems));
        }
    }

    private static void AddIfBelowOne(List<string> problems, string name, int value)
    {
        if (value < 1)
        {
            problems.Add($"{name} must be ≥ 1; got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
