using AdversarialSampling.Xtb;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// <c>{"type": "xtb", ...}</c>: the xtb program. Keys: <c>method</c> (gfn2, gfn1, gfnff; default gfn2), <c>charge</c> (e,
/// default 0), <c>uhf</c> (unpaired electrons, default 0), <c>solvent</c> (ALPB name or null, default gas phase),
/// <c>threads</c> (OpenMP threads per call, default 1), <c>timeoutSeconds</c> (default 600), <c>executable</c> (default
/// "xtb"), <c>accuracy</c> (default 1), <c>electronicTemperature</c> (K, default 300), <c>maxIterations</c> (default
/// xtb's), <c>maxEnergyPerAtom</c> (eV/atom, default 13.6), <c>scratch</c> (directory, relative to the run directory;
/// default $TMPDIR/adversarial-sampling-oracle).
/// </summary>
/// <param name="Path">The section's JSON path.</param>
/// <param name="Options">The options (scratch still relative).</param>
internal sealed record XtbOracleConfig(string Path, XtbOptions Options) : OracleConfig
{
    private static readonly KeyValuePair<string, XtbMethod>[] Methods = [new("gfn2", XtbMethod.Gfn2), new("gfn1", XtbMethod.Gfn1), new("gfnff", XtbMethod.GfnFF)];

    /// <summary>Reads the section (its <c>type</c> was read).</summary>
    /// <param name="o">The section.</param>
    /// <returns>The configuration.</returns>
    public static OracleConfig? Read(ConfigObject o)
    {
        var d = new XtbOptions();
        var method = o.Choice("method", Methods) ?? d.Method;
        int charge = o.Int("charge") ?? d.Charge, uhf = o.Int("uhf") ?? d.UnpairedElectrons;
        string? solvent = o.String("solvent");
        int threads = o.Int("threads") ?? d.Threads;
        double? timeout = o.Number("timeoutSeconds");
        if (timeout is double t && !(t > 0 && t < TimeSpan.MaxValue.TotalSeconds))
        {
            o.Problem("timeoutSeconds", $"must be a positive number of seconds; found {t}.");
            timeout = null;
        }

        var options = d with
        {
            Method = method,
            Charge = charge,
            UnpairedElectrons = uhf,
            Solvent = solvent,
            Threads = threads,
            Timeout = timeout is double s ? TimeSpan.FromSeconds(s) : d.Timeout,
            Executable = o.String("executable") ?? d.Executable,
            Accuracy = o.Number("accuracy") ?? d.Accuracy,
            ElectronicTemperature = o.Number("electronicTemperature") ?? d.ElectronicTemperature,
            MaxIterations = o.Int("maxIterations"),
            MaxEnergyPerAtom = o.Number("maxEnergyPerAtom") ?? d.MaxEnergyPerAtom,
            ScratchRoot = o.String("scratch"),
        };
        return new XtbOracleConfig(o.Path, options);
    }

    /// <inheritdoc />
    public override IOracle? Create(string runDirectory, ConfigProblems problems, Microsoft.Extensions.Logging.ILoggerFactory? logging = null)
    {
        var options = Options.ScratchRoot is null ? Options : Options with { ScratchRoot = System.IO.Path.GetFullPath(Options.ScratchRoot, runDirectory) };
        return problems.Try<IOracle>(Path, () => new XtbOracle(options));
    }
}
