namespace AdversarialSampling.Cli.Config;

/// <summary>
/// The explorer types of a run configuration, by the <c>type</c> discriminator of each <c>explorers</c> item. To add
/// one (e.g. MD-based exploration), write an <see cref="ExplorerConfig"/> with a static reader and add it here; the
/// reader reads its keys (unread keys are reported as unknown) and <see cref="ExplorerConfig.Create"/> makes the attack.
/// </summary>
internal static class ExplorerTypes
{
    /// <summary>Type name → reader, in documentation order.</summary>
    public static readonly KeyValuePair<string, Func<ConfigObject, ExplorerConfig?>>[] Readers =
    [
        new("gradient", GradientExplorerConfig.Read),
        new("random", RandomExplorerConfig.Read),
        new("uniform", UniformExplorerConfig.Read),
        new("md", MdExplorerConfig.Read),
    ];

    /// <summary>Reads one item of the <c>explorers</c> list.</summary>
    /// <param name="o">The item.</param>
    /// <returns>The configuration, or null (problems recorded).</returns>
    public static ExplorerConfig? Read(ConfigObject o) => Discriminated.Read(o, "type", Readers);
}
