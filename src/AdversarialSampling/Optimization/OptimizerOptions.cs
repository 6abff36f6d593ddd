using System.Globalization;

namespace AdversarialSampling.Optimization;

/// <summary>
/// Options shared by the structure optimisers: convergence when the largest force on any atom (the norm of its
/// free components, eV/Å) is at most <see cref="ForceTolerance"/>, a cap on the steps and on the displacement of
/// one step.
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>Largest number of position updates (≥ 0); default 1000.</summary>
    public int MaxSteps { get; init; } = 1000;

    /// <summary>Convergence threshold f_max (eV/Å, finite and positive): the largest per-atom force norm, frozen components excluded; default 0.05 eV/Å (ASE's customary value).</summary>
    public double ForceTolerance { get; init; } = 0.05;

    /// <summary>Largest displacement of one step (Å, finite and positive); default 0.2 Å. How it is measured depends on the optimiser.</summary>
    public double MaxStep { get; init; } = 0.2;

    /// <summary>Throws one exception listing every invalid option.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxSteps < 0)
        {
            problems.Add($"MaxSteps must be ≥ 0; got {MaxSteps.ToString(CultureInfo.InvariantCulture)}.");
        }

        RequirePositive(problems, nameof(ForceTolerance), ForceTolerance, "eV/Å");
        RequirePositive(problems, nameof(MaxStep), MaxStep, "Å");
        AddProblems(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {GetType().Name}: " + string.Join(" ", problems));
        }
    }

    /// <summary>Adds the problems of the options of a derived type.</summary>
    /// <param name="problems">The list to add messages to.</param>
    protected virtual void AddProblems(List<string> problems)
    {
    }

    /// <summary>Adds a message unless <paramref name="value"/> is finite and positive.</summary>
    /// <param name="problems">The list.</param>
    /// <param name="name">Option name.</param>
    /// <param name="value">Value.</param>
    /// <param name="unit">Unit for the message (may be empty).</param>
    protected static void RequirePositive(List<string> problems, string name, double value, string unit)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!(value > 0 && double.IsFinite(value)))
        {
            problems.Add($"{name} must be finite and positive{(unit.Length > 0 ? $" ({unit})" : string.Empty)}; got {value.ToString("R", CultureInfo.InvariantCulture)}.");
        }
    }
}
