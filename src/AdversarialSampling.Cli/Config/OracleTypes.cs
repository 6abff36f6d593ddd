namespace AdversarialSampling.Cli.Config;

/// <summary>
/// The oracle types of a run configuration, by the <c>type</c> discriminator of the <c>oracle</c> section. To add one
/// (or a wrapper such as a scheduler that dispatches another oracle's calls), add a reader here: it reads its keys from
/// the section and returns an <see cref="OracleConfig"/>; unknown keys are reported for it.
/// </summary>
internal static class OracleTypes
{
    /// <summary>Type name → reader, in documentation order.</summary>
    public static readonly KeyValuePair<string, Func<ConfigObject, OracleConfig?>>[] Readers =
    [
        new("analytic", AnalyticOracleConfig.Read),
        new("xtb", XtbOracleConfig.Read),
    ];

    /// <summary>Reads the <c>oracle</c> section.</summary>
    /// <param name="o">The section.</param>
    /// <returns>The configuration, or null (problems recorded).</returns>
    public static OracleConfig? Read(ConfigObject o) => Discriminated.Read(o, "type", Readers);
}
