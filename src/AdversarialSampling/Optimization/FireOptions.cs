using System.Globalization;

namespace AdversarialSampling.Optimization;

/// <summary>
/// Options of the FIRE optimiser (Bitzek et al., Phys. Rev. Lett. 97, 170201, 2006), with ASE's defaults: unit
/// masses, time step 0.1 growing to at most 1.0 (in units where a step is Δt² · F, Å per eV/Å), mixing 0.1, and
/// <see cref="OptimizerOptions.MaxStep"/> bounding the norm of the whole displacement vector (as ASE).
/// </summary>
public sealed record FireOptions : OptimizerOptions
{
    /// <summary>Initial time step (finite, positive); default 0.1.</summary>
    public double InitialTimeStep { get; init; } = 0.1;

    /// <summary>Largest time step (≥ <see cref="InitialTimeStep"/>); default 1.0.</summary>
    public double MaxTimeStep { get; init; } = 1.0;

    /// <summary>Downhill steps before the time step may grow (N_min ≥ 0); default 5.</summary>
    public int MinDownhillSteps { get; init; } = 5;

    /// <summary>Time-step growth factor f_inc (&gt; 1); default 1.1.</summary>
    public double TimeStepIncrease { get; init; } = 1.1;

    /// <summary>Time-step reduction factor f_dec (in (0, 1)) after an uphill step; default 0.5.</summary>
    public double TimeStepDecrease { get; init; } = 0.5;

    /// <summary>Initial velocity mixing α_start (in (0, 1)); default 0.1.</summary>
    public double InitialMixing { get; init; } = 0.1;

    /// <summary>Mixing decay f_α (in (0, 1]); default 0.99.</summary>
    public double MixingDecay { get; init; } = 0.99;

    /// <inheritdoc />
    protected override void AddProblems(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        RequirePositive(problems, nameof(InitialTimeStep), InitialTimeStep, string.Empty);
        if (!(MaxTimeStep >= InitialTimeStep && double.IsFinite(MaxTimeStep)))
        {
            problems.Add($"MaxTimeStep must be finite and ≥ InitialTimeStep; got {Format(MaxTimeStep)}.");
        }

        if (MinDownhillSteps < 0)
        {
            problems.Add($"MinDownhillSteps must be ≥ 0; got {MinDownhillSteps.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(TimeStepIncrease > 1 && double.IsFinite(TimeStepIncrease)))
        {
            problems.Add($"TimeStepIncrease must be finite and > 1; got {Format(TimeStepIncrease)}.");
        }

        CheckOpenUnit(problems, nameof(TimeStepDecrease), TimeStepDecrease);
        CheckOpenUnit(problems, nameof(InitialMixing), InitialMixing);
        if (!(MixingDecay > 0 && MixingDecay <= 1))
        {
            problems.Add($"MixingDecay must be in (0, 1]; got {Format(MixingDecay)}.");
        }
    }

    private static void CheckOpenUnit(List<string> problems, string name, double value)
    {
        if (!(value > 0 && value < 1))
        {
            problems.Add($"{name} must be in (0, 1); got {Format(value)}.");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
