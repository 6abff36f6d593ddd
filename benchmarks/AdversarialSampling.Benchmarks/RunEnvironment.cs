namespace AdversarialSampling.Benchmarks;

/// <summary>The process settings that change speed and resident memory, printed with every measurement.</summary>
internal static class RunEnvironment
{
    /// <summary>True when tcmalloc is preloaded (<c>LD_PRELOAD</c> names it).</summary>
    public static bool Tcmalloc =>
        (Environment.GetEnvironmentVariable("LD_PRELOAD") ?? string.Empty).Contains("tcmalloc", StringComparison.Ordinal);

    /// <summary>
    /// True when the tiered JIT is on: the runtime default, turned off by <c>DOTNET_TieredCompilation=0</c> or by
    /// <c>TieredCompilation=false</c> in the project (this project's setting, docs/torchsharp-on-linux.md §3).
    /// </summary>
    public static bool TieredCompilation
    {
        get
        {
            string? variable = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation")
                ?? Environment.GetEnvironmentVariable("COMPlus_TieredCompilation");
            if (variable is not null)
                return variable.Trim() != "0";
            return AppContext.GetData("System.Runtime.TieredCompilation") is not (false or "false" or "False");
        }
    }
}
