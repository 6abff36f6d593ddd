namespace AdversarialSampling.Cli.Config;

/// <summary>
/// The oracle types of a run configuration, by the <c>type</c> discriminator of the <c>oracle</c> section. To add an
/// oracle, add a reader to <see cref="Readers"/>: it reads its keys from the section and returns an
/// <see cref="OracleConfig"/>; unknown keys are reported for it. To add a wrapper that dispatches any oracle's calls
/// (e.g. a batch scheduler), add a reader to <see cref="Schedulers"/>: it reads the optional <c>scheduler</c> object of
/// the section (<c>"scheduler": {"type": "NAME", ...}</c>) and wraps the inner oracle's configuration.
/// </summary>
internal static class OracleTypes
{
    /// <summary>Type name → reader, in documentation order.</summary>
    public static readonly KeyValuePair<string, Func<ConfigObject, OracleConfig?>>[] Readers =
    [
        new("analytic", AnalyticOracleConfig.Read),
        new("xtb", XtbOracleConfig.Read),
    ];

    /// <summary>Scheduler name → reader of the <c>scheduler</c> object, given the inner oracle's configuration.</summary>
    public static readonly KeyValuePair<string, Func<ConfigObject, OracleConfig, OracleConfig?>>[] Schedulers =
    [
        new("slurm", SlurmSchedulerConfig.Read),
    ];

    /// <summary>Reads the <c>oracle</c> section.</summary>
    /// <param name="o">The section.</param>
    /// <returns>The configuration, or null (problems recorded).</returns>
    public static OracleConfig? Read(ConfigObject o)
    {
        var oracle = Discriminated.Read(o, "type", Readers, finish: false, out bool known);
        if (oracle is not null && Schedulers.Length > 0 && o.Object("scheduler") is { } scheduler)
        {
            var inner = oracle;
            oracle = Discriminated.Read(scheduler, "type", [.. Schedulers.Select(s => KeyValuePair.Create(s.Key, (Func<ConfigObject, OracleConfig?>)(c => s.Value(c, inner))))]);
        }

        if (known)
        {
            o.Finish();
        }

        return oracle;
    }
}
