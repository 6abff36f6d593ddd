using AdversarialSampling.Attacks;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Cli.Config;

/// <summary>One item of the <c>explorers</c> list (see <see cref="ExplorerTypes"/>): its JSON path, budget share and temperature.</summary>
internal abstract record ExplorerConfig
{
    /// <summary>The item's JSON path, e.g. "$.explorers[0]".</summary>
    public required string Path { get; init; }

    /// <summary>Relative share of the label budget (&gt; 0); default 1.</summary>
    public double Share { get; init; } = 1;

    /// <summary>The explorer's own temperature, or null (the run's <c>temperature</c> applies).</summary>
    public Temperature? Temperature { get; init; }

    /// <summary>Creates the attack.</summary>
    /// <param name="context">Initial data, run temperature, metric, problems.</param>
    /// <returns>The attack, or null (problems recorded with <see cref="Path"/>).</returns>
    public abstract IAdversarialAttack? Create(ExplorerContext context);

    /// <summary>
    /// Reads the restraint keys the attack-like explorers share, in this order: <c>energyMode</c>, <c>energyReference</c>,
    /// <c>bounds</c>.
    /// </summary>
    /// <param name="o">The item.</param>
    /// <returns>The energy mode given (or null), and functions applying the values over a preset's objective and bounds.</returns>
    protected static (BoltzmannEnergy? EnergyMode, Func<AttackObjectiveOptions, AttackObjectiveOptions> Objective, Func<AttackBounds, AttackBounds> Bounds) ReadRestraints(ConfigObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var energyMode = o.Choice("energyMode", Choices.EnergyModes);
        double? energyReference = o.Number("energyReference");
        var bounds = BoundsConfig.Read(o);
        return (energyMode, objective => objective with
        {
            EnergyMode = energyMode ?? objective.EnergyMode,
            EnergyReference = energyReference ?? objective.EnergyReference,
        }, bounds);
    }

    /// <summary>Reads the keys every explorer has: <c>share</c> and <c>temperature</c>.</summary>
    /// <param name="o">The item.</param>
    /// <returns>(share, temperature).</returns>
    protected static (double Share, Temperature? Temperature) ReadCommon(ConfigObject o)
        => (o.Number("share") ?? 1, TemperatureConfig.Read(o, "temperature"));

    /// <summary>The objective with the explorer's (or the run's) temperature and the run's metric when it is differentiable.</summary>
    /// <param name="objective">The preset's objective.</param>
    /// <param name="context">The context.</param>
    /// <returns>The objective.</returns>
    protected AttackObjectiveOptions Objective(AttackObjectiveOptions objective, ExplorerContext context)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(context);
        var result = objective with { Temperature = Temperature ?? context.Temperature ?? objective.Temperature };
        return context.Metric is IDifferentiableUncertaintyMetric metric ? result with { Metric = metric } : result;
    }

    /// <summary>Records a validation result's messages under this explorer's path.</summary>
    /// <param name="context">The context.</param>
    /// <param name="problems">Messages from the options' <c>Validate()</c>.</param>
    /// <returns>True when there were none.</returns>
    protected bool Valid(ExplorerContext context, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        context.Problems.AddRange(Path, problems);
        return problems.Count == 0;
    }
}
