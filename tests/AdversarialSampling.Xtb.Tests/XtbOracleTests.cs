using Xunit.Abstractions;
using AdversarialSampling.Oracles;
using AdversarialSampling.Structures;
using static AdversarialSampling.Xtb.Tests.XtbTestSupport;

namespace AdversarialSampling.Xtb.Tests;

/// <summary>The xtb oracle against the real xtb program (the tests fail, not skip, when xtb is missing).</summary>
[Trait("Category", "Xtb")]
public sealed class XtbOracleTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "as-xtb-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public XtbOracleTests(ITestOutputHelper output)
    {
        RequireXtb();
        _output = output;
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    private XtbOracle Oracle(XtbOptions? options = null) => new((options ?? new XtbOptions()) with { ScratchRoot = _scratch });

    private static void AssertSameLabels((double Energy, double[] Forces) expected, OracleOutcome outcome)
    {
        Assert.True(outcome.IsSuccess, outcome.ToString() + "\n" + outcome.Failure?.OutputTail);
        Assert.Equal(expected.Energy, outcome.Sample.Energy, 1e-9);
        Assert.Equal(expected.Forces.Length, outcome.Sample.Forces.Length);
        for (int i = 0; i < expected.Forces.Length; i++)
        {
            Assert.Equal(expected.Forces[i], outcome.Sample.Forces[i], 1e-9);
        }
    }

    private async Task<double> EnergyAsync(XtbOracle oracle, AtomicStructure structure)
    {
        var outcome = await oracle.LabelAsync(structure);
        Assert.True(outcome.IsSuccess, outcome.ToString());
        return outcome.Sample.Energy;
    }

    private async Task AssertForcesMatchFiniteDifferencesAsync(AtomicStructure structure, IEnumerable<int> components, double tolerance)
    {
        const double h = 1e-3; // Å
        var oracle = Oracle(new XtbOptions { Accuracy = 0.001 });
        var labelled = await oracle.LabelAsync(structure);
        Assert.True(labelled.IsSuccess, labelled.ToString());
        double worst = 0;
        foreach (int c in components)
        {
            var plus = structure.Positions.ToArray();
            var minus = structure.Positions.ToArray();
            plus[c] += h;
            minus[c] -= h;
            double ePlus = await EnergyAsync(oracle, structure.WithPositions(plus));
            double eMinus = await EnergyAsync(oracle, structure.WithPositions(minus));
            double numeric = -(ePlus - eMinus) / (2 * h);
            worst = Math.Max(worst, Math.Abs(numeric - labelled.Sample.Forces[c]));
            Assert.True(
                Math.Abs(numeric - labelled.Sample.Forces[c]) <= tolerance,
                $"component {c} (atom {c / 3}, {"xyz"[c % 3]}): analytic force {labelled.Sample.Forces[c]:G8} eV/Å, −dE/dx by finite differences {numeric:G8} eV/Å");
        }

        _output.WriteLine($"largest |F − F_fd| = {worst:G3} eV/Å over {components.Count()} components (max |F| = {labelled.Sample.MaxForceNorm:G3} eV/Å)");
    }

    [Fact]
    public async Task LabelAsync_Ammonia_MatchesADirectXtbRun()
    {
        var outcome = await Oracle().LabelAsync(Ammonia());

        AssertSameLabels(RunDirectly(Ammonia(), "--gfn", "2"), outcome);
        Assert.InRange(outcome.Sample!.Energy, -4.5 * 27.2114, -4.3 * 27.2114); // GFN2 ammonia ≈ −4.43 Eh
    }

    [Fact]
    public async Task LabelAsync_AlanineDipeptide_MatchesADirectXtbRun()
    {
        var molecule = AlanineDipeptide();

        var outcome = await Oracle().LabelAsync(molecule);

        Assert.Equal(22, molecule.AtomCount);
        AssertSameLabels(RunDirectly(molecule, "--gfn", "2"), outcome);
        Assert.InRange(outcome.Sample!.MaxForceNorm!.Value, 0.1, 20); // displaced from the minimum: real but moderate forces
    }

    [Fact]
    public async Task LabelAsync_OtherMethodsChargeSpinAndSolvent_MatchDirectXtbRuns()
    {
        var ammonia = Ammonia();
        AssertSameLabels(RunDirectly(ammonia, "--gfn", "1"), await Oracle(new XtbOptions { Method = XtbMethod.Gfn1 }).LabelAsync(ammonia));
        AssertSameLabels(RunDirectly(ammonia, "--gfnff"), await Oracle(new XtbOptions { Method = XtbMethod.GfnFF }).LabelAsync(ammonia));
        AssertSameLabels(RunDirectly(ammonia, "--alpb", "water"), await Oracle(new XtbOptions { Solvent = "water" }).LabelAsync(ammonia));
        AssertSameLabels(
            RunDirectly(ammonia, "--chrg", "1", "--uhf", "1"),
            await Oracle(new XtbOptions { Charge = 1, UnpairedElectrons = 1 }).LabelAsync(ammonia));
    }

    [Fact]
    public async Task Forces_Ammonia_AreMinusTheFiniteDifferenceGradientOfTheEnergy()
    {
        await AssertForcesMatchFiniteDifferencesAsync(Ammonia(), Enumerable.Range(0, 12), tolerance: 5e-4);
    }

    [Fact]
    public async Task Forces_AlanineDipeptide_AreMinusTheFiniteDifferenceGradientOfTheEnergy()
    {
        var rng = new Random(5);
        var components = Enumerable.Range(0, 66).OrderBy(_ => rng.Next()).Take(6).ToArray();

        await AssertForcesMatchFiniteDifferencesAsync(AlanineDipeptide(), components, tolerance: 5e-4);
    }

    [Fact]
    public async Task LabelAsync_RecordsTheXtbVersionInIdentityAndMetadata()
    {
        var oracle = Oracle(new XtbOptions { Solvent = "water", Charge = 1, UnpairedElectrons = 1 });

        var outcome = await oracle.LabelAsync(Ammonia());

        Assert.Matches(@"^\d+\.\d+(\.\d+)?$", oracle.ProgramVersion);
        Assert.Equal("6.5.1", oracle.ProgramVersion); // the version CI installs (Debian package xtb)
        Assert.Equal("xtb", outcome.Sample!.Metadata["oracle"]);
        Assert.Equal(oracle.ProgramVersion, outcome.Sample.Metadata["oracle_version"]);
        Assert.Equal(
            "xtb|6.5.1|accuracy=1;charge=1;etemp=300;method=gfn2;solvent=alpb:water;uhf=1",
            oracle.Identity.ToCanonicalString());
    }

    [Fact]
    public void Identity_IgnoresExecutableThreadsTimeoutsAndScratch()
    {
        var a = Oracle(new XtbOptions());
        var b = new XtbOracle(new XtbOptions { Executable = RequireXtb(), Threads = 2, Timeout = TimeSpan.FromSeconds(5), MaxIterations = 100, ScratchRoot = Path.Combine(_scratch, "other") });
        var c = Oracle(new XtbOptions { Method = XtbMethod.GfnFF });

        Assert.Equal(a.Identity.ToCanonicalString(), b.Identity.ToCanonicalString());
        Assert.NotEqual(a.Identity.ToCanonicalString(), c.Identity.ToCanonicalString());
        Assert.Equal("xtb|6.5.1|charge=0;method=gfnff;solvent=none;uhf=0", c.Identity.ToCanonicalString());
    }

    [Fact]
    public async Task LabelAsync_OneScfIteration_IsNonConvergence()
    {
        var outcome = await Oracle(new XtbOptions { MaxIterations = 1 }).LabelAsync(Ammonia());

        Assert.Equal(OracleFailureKind.NonConvergence, outcome.Failure!.Kind);
        Assert.Contains("did not converge", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("did not converge", outcome.Failure.OutputTail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_OverlappingAtoms_IsGeometryRejectedByXtb()
    {
        var overlapping = AtomicStructure.FromSymbols(["N", "H", "H", "H"], [0, 0, 0.1, 0, 0, 0.1, -0.47, 0.814, -0.25, -0.47, -0.814, -0.25]);

        var outcome = await Oracle().LabelAsync(overlapping);

        Assert.Equal(OracleFailureKind.GeometryRejected, outcome.Failure!.Kind);
        Assert.Contains("very* short distance", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.NotNull(outcome.Failure.OutputTail);
    }

    [Fact]
    public async Task LabelAsync_ShortNHBondThatXtbAccepts_IsUnphysicalResult()
    {
        var oracle = Oracle();

        var outcome = await oracle.LabelAsync(AmmoniaWithShortBond());
        var energyBoundOnly = await Oracle(new XtbOptions { ResultGate = null }).LabelAsync(AmmoniaWithShortBond());

        Assert.Equal(OracleFailureKind.UnphysicalResult, outcome.Failure!.Kind);
        Assert.Contains("force on atom", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(OracleFailureKind.UnphysicalResult, energyBoundOnly.Failure!.Kind);
        Assert.Contains("eV/atom, above the bound", energyBoundOnly.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAsync_TinyTimeout_KillsXtbAndIsTimeout()
    {
        var oracle = Oracle(new XtbOptions { Timeout = TimeSpan.FromSeconds(0.5) });

        var outcome = await oracle.LabelAsync(WaterCluster(5)); // 300 atoms: many seconds of GFN2

        Assert.Equal(OracleFailureKind.Timeout, outcome.Failure!.Kind);
        Assert.Empty(ProcessesWorkingUnder(_scratch));
    }

    [Fact]
    public async Task LabelAsync_Cancelled_KillsXtbAndIsCancelled()
    {
        var oracle = Oracle();
        Assert.Equal("6.5.1", oracle.ProgramVersion); // probe first, so that the call below starts xtb at once
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(0.5));

        var outcome = await oracle.LabelAsync(WaterCluster(5), cts.Token);

        Assert.Equal(OracleFailureKind.Cancelled, outcome.Failure!.Kind);
        Assert.Empty(ProcessesWorkingUnder(_scratch));
        Assert.Empty(Directory.GetDirectories(_scratch));
    }

    [Fact]
    public async Task MissingExecutable_IsSetupErrorFromCheckSetupAndFromLabel()
    {
        var oracle = Oracle(new XtbOptions { Executable = "/nonexistent/xtb" });

        var setup = await oracle.CheckSetupAsync();
        var outcome = await oracle.LabelAsync(Ammonia());

        Assert.Equal(OracleFailureKind.SetupError, setup!.Kind);
        Assert.Contains("/nonexistent/xtb", setup.Message, StringComparison.Ordinal);
        Assert.Equal(OracleFailureKind.SetupError, outcome.Failure!.Kind);
        Assert.Contains("/nonexistent/xtb", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckSetupAsync_WorkingXtb_ReturnsNull()
    {
        Assert.Null(await Oracle(new XtbOptions { Method = XtbMethod.Gfn1, Solvent = "water", MaxIterations = 1 }).CheckSetupAsync());
    }

    [Fact]
    public async Task CheckSetupAsync_UnknownSolvent_IsSetupError()
    {
        var oracle = Oracle(new XtbOptions { Solvent = "unobtainium" });

        var setup = await oracle.CheckSetupAsync();
        var outcome = await oracle.LabelAsync(Ammonia());

        Assert.Equal(OracleFailureKind.SetupError, setup!.Kind);
        Assert.Contains("unobtainium", setup.Message, StringComparison.Ordinal);
        Assert.Equal(OracleFailureKind.SetupError, outcome.Failure!.Kind);
    }

    [Fact]
    public async Task LabelAsync_ElectronCountThatCannotFitTheSpin_IsSetupErrorWithoutRunning()
    {
        var outcome = await Oracle(new XtbOptions { Charge = 1 }).LabelAsync(Ammonia()); // 9 electrons, 0 unpaired

        Assert.Equal(OracleFailureKind.SetupError, outcome.Failure!.Kind);
        Assert.Contains("9 electrons", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Null(outcome.Failure.OutputTail);
        Assert.False(Directory.Exists(_scratch) && Directory.GetDirectories(_scratch).Length > 0);
    }

    [Fact]
    public async Task LabelAsync_PeriodicStructure_IsSetupError()
    {
        var periodic = Ammonia().WithCell(new UnitCell([10, 0, 0, 0, 10, 0, 0, 0, 10], [true, true, true]));

        var outcome = await Oracle().LabelAsync(periodic);

        Assert.Equal(OracleFailureKind.SetupError, outcome.Failure!.Kind);
        Assert.Contains("periodic", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task LabelAsync_PeriodicStructure_IsRejectedBeforeTheVersionProbeRuns()
    {
        string bin = Path.Combine(_scratch, "bin"), probed = Path.Combine(bin, "probed"), xtb = Path.Combine(bin, "xtb");
        Directory.CreateDirectory(bin);
        File.WriteAllText(xtb, $"#!/bin/sh\ntouch '{probed}'\necho 'no version here' >&2\nexit 1\n");
        File.SetUnixFileMode(xtb, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var periodic = Ammonia().WithCell(new UnitCell([10, 0, 0, 0, 10, 0, 0, 0, 10], [true, true, true]));

        var outcome = await Oracle(new XtbOptions { Executable = xtb }).LabelAsync(periodic);

        Assert.Equal(OracleFailureKind.SetupError, outcome.Failure!.Kind);
        Assert.Contains("periodic", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(probed));
    }

    [Fact]
    public async Task LabelAsync_EightConcurrentCalls_GiveTheSequentialResults()
    {
        var oracle = Oracle();
        var rng = new Random(2);
        var structures = Enumerable.Range(0, 8)
            .Select(_ => Ammonia().WithPositions([.. Ammonia().Positions.Select(x => x + (0.1 * (rng.NextDouble() - 0.5)))]))
            .ToArray();

        var concurrent = await Task.WhenAll(structures.Select(s => Task.Run(() => oracle.LabelAsync(s))));
        var sequential = new List<OracleOutcome>();
        foreach (var s in structures)
        {
            sequential.Add(await oracle.LabelAsync(s));
        }

        for (int i = 0; i < structures.Length; i++)
        {
            Assert.True(concurrent[i].IsSuccess, concurrent[i].ToString());
            Assert.Equal(sequential[i].Sample!.Energy, concurrent[i].Sample!.Energy);
            Assert.Equal(sequential[i].Sample!.Forces.ToArray(), concurrent[i].Sample!.Forces.ToArray());
        }

        Assert.Equal(8, concurrent.Select(o => o.Sample!.Energy).Distinct().Count());
        Assert.Empty(Directory.GetDirectories(_scratch));
    }

    [Fact]
    public void Options_Invalid_ThrowNamingEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => new XtbOracle(new XtbOptions { Threads = 0, UnpairedElectrons = -1, Accuracy = 0, Solvent = "water; rm -rf", MaxEnergyPerAtom = double.NaN }));

        foreach (string name in new[] { "Threads", "UnpairedElectrons", "Accuracy", "Solvent", "MaxEnergyPerAtom" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }
}
