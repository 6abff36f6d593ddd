namespace AdversarialSampling.Cli.Config;

/// <summary>How the CLI's <c>--soft-modes</c> and the run configuration's <c>softModes</c> apply to a preset.</summary>
internal static class SoftModeSetting
{
    /// <summary>The attack's <c>SoftModes</c>: the preset's when nothing was given, off (null) for 0, otherwise the value given.</summary>
    /// <param name="given">The value given (modes per seed), or null when absent.</param>
    /// <param name="preset">The preset's value.</param>
    /// <returns>The value to use.</returns>
    public static int? Apply(int? given, int? preset) => given switch
    {
        null => preset,
        0 => null,
        int k => k,
    };
}
