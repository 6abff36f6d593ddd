using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdversarialSampling.IO;
using AdversarialSampling.Optimization;
using AdversarialSampling.Structures;
using AdversarialSampling.Xtb;
using MathNet.Numerics.LinearAlgebra;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>
/// Everything the comparison needs from xtb before any learning: the pyramidal minimum and the planar D3h structure
/// (L-BFGS to 1e-3 eV/Å; the planar one with every z frozen), the inversion barrier, the harmonic normal modes at the
/// minimum (finite differences of xtb forces, 0.005 Å), and the initial data: normal-mode (harmonic Boltzmann) samples
/// at <see cref="SamplingTemperatureK"/> around the minimum, labelled by xtb, kept when E − E_min ≤ the window. Cached under
/// OUT/reference-HASH, keyed by the settings and the xtb version.
/// </summary>
public sealed record ReferenceData
{
    /// <summary>Temperature of the normal-mode sampling (K): kT ≈ 1.2 kcal/mol, so that the harmonic energy of the six modes (mean 3 kT) fills a 5 kcal/mol window.</summary>
    public const double SamplingTemperatureK = 600;

    /// <summary>Seed of the normal-mode sampling (one initial set shared by every seed and method).</summary>
    public const int DataSeed = 0;

    /// <summary>The cache key (settings and xtb version).</summary>
    public required string Key { get; init; }

    /// <summary>xtb version.</summary>
    public required string XtbVersion { get; init; }

    /// <summary>Minimum positions (Å, flat 4×3, N first).</summary>
    public required double[] MinimumPositions { get; init; }

    /// <summary>xtb energy of the minimum (eV).</summary>
    public required double MinimumEnergy { get; init; }

    /// <summary>Planar D3h positions (Å).</summary>
    public required double[] PlanarPositions { get; init; }

    /// <summary>xtb energy of the planar structure (eV).</summary>
    public required double PlanarEnergy { get; init; }

    /// <summary>Harmonic wavenumbers of the six vibrations at the minimum (cm⁻¹, ascending).</summary>
    public required double[] WavenumbersPerCm { get; init; }

    /// <summary>xtb calls for the reference and the initial data.</summary>
    public required int XtbCalls { get; init; }

    /// <summary>Seconds spent in xtb for them.</summary>
    public required double XtbSeconds { get; init; }

    /// <summary>Normal-mode draws made to get the initial set (the rest were above the window).</summary>
    public required int Draws { get; init; }

    /// <summary>The xtb inversion barrier (kcal/mol).</summary>
    [JsonIgnore]
    public double BarrierKcalPerMol => (PlanarEnergy - MinimumEnergy) / Units.KcalPerMol;

    /// <summary>The xtb minimum as a structure.</summary>
    [JsonIgnore]
    public AtomicStructure Minimum => new([7, 1, 1, 1], MinimumPositions);

    /// <summary>The planar structure.</summary>
    [JsonIgnore]
    public AtomicStructure PlanarStructure => new([7, 1, 1, 1], PlanarPositions);

    /// <summary>Loads the cached reference and initial data, or computes and caches them.</summary>
    /// <param name="options">The sample's options.</param>
    /// <param name="oracle">The xtb oracle.</param>
    /// <param name="log">Progress.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The reference and the initial data (energies eV, forces eV/Å).</returns>
    public static (ReferenceData Reference, Dataset Initial) LoadOrCompute(SampleOptions options, XtbOracle oracle, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(log);
        string key = string.Create(CultureInfo.InvariantCulture, $"xtb={oracle.Identity.ToCanonicalString()};count={options.Initial};windowKcal={options.WindowKcal:R};samplingK={SamplingTemperatureK:R};seed={DataSeed};opt=lbfgs1e-3;hessianStep=0.005");
        string directory = Path.Combine(options.Out, "reference-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12]);
        string json = Path.Combine(directory, "reference.json");
        string xyz = Path.Combine(directory, "initial.extxyz");
        if (File.Exists(json) && File.Exists(xyz))
        {
            var cached = JsonSerializer.Deserialize<ReferenceData>(File.ReadAllText(json))!;
            if (cached.Key == key)
            {
                log.WriteLine($"reference and initial data from {directory}");
                return (cached, ExtendedXyzReader.ReadDataset(xyz));
            }
        }

        var xtb = new XtbPotential(oracle);
        var optimizer = new LbfgsOptimizer(new LbfgsOptions { ForceTolerance = 1e-3, MaxSteps = 500 });
        var minimum = optimizer.Minimize(xtb, AmmoniaGeometry.Pyramid(), cancellationToken: cancellationToken);
        var planar = optimizer.MinimizeConstrained(xtb, AmmoniaGeometry.Planar(), AmmoniaGeometry.KeepPlanar(), cancellationToken: cancellationToken);
        if (!minimum.Converged || !planar.Converged)
        {
            throw new InvalidOperationException($"The xtb optimisations did not converge: minimum {minimum}, planar {planar}.");
        }

        // xtb 6.5.1 returns wrong gradients when two atoms share a Cartesian coordinate (grimme-lab/xtb#986, fixed upstream
        // by PR #1208): the optimised minimum has N and one H at y = 0, and the finite-difference Hessian would be off by
        // 5 eV/Å² there. The minimum is therefore turned into a generic orientation before the normal modes and the sampling.
        var generic = GenericOrientation(minimum.Structure);
        var (modes, wavenumbers) = NormalModes(xtb, generic, cancellationToken);
        var (initial, draws) = Sample(xtb, generic, minimum.Energy, modes, options, cancellationToken);
        var reference = new ReferenceData
        {
            Key = key,
            XtbVersion = oracle.ProgramVersion,
            MinimumPositions = [.. generic.Positions],
            MinimumEnergy = minimum.Energy,
            PlanarPositions = [.. planar.Structure.Positions],
            PlanarEnergy = planar.Energy,
            WavenumbersPerCm = wavenumbers,
            XtbCalls = xtb.Calls,
            XtbSeconds = Math.Round(xtb.Seconds, 2),
            Draws = draws,
        };
        Directory.CreateDirectory(directory);
        ExtendedXyzWriter.WriteSamples(xyz, initial);
        File.WriteAllText(json, JsonSerializer.Serialize(reference, new JsonSerializerOptions { WriteIndented = true }));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"xtb reference: barrier {reference.BarrierKcalPerMol:F3} kcal/mol, modes {string.Join(", ", wavenumbers.Select(w => w.ToString("F0", CultureInfo.InvariantCulture)))} cm^-1; {initial.Count} initial geometries from {draws} draws; {xtb.Calls} xtb calls in {xtb.Seconds:F1} s"));
        return (reference, initial);
    }

    /// <summary>The structure rotated about its centroid by a fixed generic rotation (Euler z–y–z 0.3, 0.7, 1.1 rad), so that no two atoms share a Cartesian coordinate.</summary>
    /// <param name="structure">The structure.</param>
    /// <returns>The rotated structure.</returns>
    internal static AtomicStructure GenericOrientation(AtomicStructure structure)
    {
        var rotation = Matrix<double>.Build.DenseOfArray(new double[,] { { Math.Cos(0.3), -Math.Sin(0.3), 0 }, { Math.Sin(0.3), Math.Cos(0.3), 0 }, { 0, 0, 1 } })
            * Matrix<double>.Build.DenseOfArray(new double[,] { { Math.Cos(0.7), 0, Math.Sin(0.7) }, { 0, 1, 0 }, { -Math.Sin(0.7), 0, Math.Cos(0.7) } })
            * Matrix<double>.Build.DenseOfArray(new double[,] { { Math.Cos(1.1), -Math.Sin(1.1), 0 }, { Math.Sin(1.1), Math.Cos(1.1), 0 }, { 0, 0, 1 } });
        int n = structure.AtomCount;
        var centre = Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, n).Average(a => structure.Positions[(3 * a) + c])).ToArray();
        var x = new double[3 * n];
        for (int a = 0; a < n; a++)
        {
            for (int r = 0; r < 3; r++)
            {
                double sum = 0;
                for (int c = 0; c < 3; c++)
                {
                    sum += rotation[r, c] * (structure.Positions[(3 * a) + c] - centre[c]);
                }

                x[(3 * a) + r] = sum;
            }
        }

        return structure.WithPositions(x);
    }

    /// <summary>
    /// The six vibrational normal modes at a minimum: the mass-weighted Hessian (central differences of the forces, step
    /// 0.005 Å, symmetrised) diagonalised; the six largest eigenvalues are the vibrations (the other six, translations and
    /// rotations, are near zero).
    /// </summary>
    /// <returns>Per mode: eigenvalue λ (eV/(Å²·amu)) and mass-weighted eigenvector (length 12); and the wavenumbers (cm⁻¹).</returns>
    internal static (List<(double Lambda, double[] Vector)> Modes, double[] Wavenumbers) NormalModes(IPotential potential, AtomicStructure minimum, CancellationToken cancellationToken)
    {
        const double h = 0.005;
        int n = 3 * minimum.AtomCount;
        var masses = minimum.AtomicNumbers.Select(Elements.Mass).ToArray();
        var hessian = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            var plus = minimum.Positions.ToArray();
            var minus = minimum.Positions.ToArray();
            plus[i] += h;
            minus[i] -= h;
            var fp = potential.Compute(minimum.WithPositions(plus), cancellationToken).Forces;
            var fm = potential.Compute(minimum.WithPositions(minus), cancellationToken).Forces;
            for (int j = 0; j < n; j++)
            {
                hessian[i, j] = -(fp[j] - fm[j]) / (2 * h) / Math.Sqrt(masses[i / 3] * masses[j / 3]);
            }
        }

        hessian = 0.5 * (hessian + hessian.Transpose());
        var evd = hessian.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var order = Enumerable.Range(0, n).OrderByDescending(k => evd.EigenValues[k].Real).Take(n - 6).OrderBy(k => evd.EigenValues[k].Real).ToList();
        var modes = order.Select(k => (evd.EigenValues[k].Real, evd.EigenVectors.Column(k).ToArray())).ToList();
        const double speedOfLightCmPerFs = 2.99792458e-5;
        var wavenumbers = modes.Select(m => Math.Sqrt(Math.Max(m.Real, 0) / Units.AmuAngstromSquaredPerFemtosecondSquared) / (2 * Math.PI * speedOfLightCmPerFs)).ToArray();
        return (modes, wavenumbers);
    }

    /// <summary>Harmonic Boltzmann samples around the minimum, labelled by xtb, kept when E − E_min ≤ the window.</summary>
    private static (Dataset Initial, int Draws) Sample(XtbPotential xtb, AtomicStructure minimum, double minimumEnergy, List<(double Lambda, double[] Vector)> modes, SampleOptions options, CancellationToken cancellationToken)
    {
        var rng = new Random(DataSeed);
        double kT = Units.KelvinToEv(SamplingTemperatureK);
        double window = options.WindowKcal * Units.KcalPerMol;
        var masses = minimum.AtomicNumbers.Select(Elements.Mass).ToArray();
        var kept = new List<LabelledSample>();
        int draws = 0;
        while (kept.Count < options.Initial)
        {
            if (draws > 20 * options.Initial)
            {
                throw new InvalidOperationException($"Only {kept.Count} of {draws} normal-mode draws were within {options.WindowKcal} kcal/mol of the minimum.");
            }

            draws++;
            var x = minimum.Positions.ToArray();
            foreach (var (lambda, vector) in modes)
            {
                double amplitude = Math.Sqrt(kT / lambda) * Normal(rng);
                for (int k = 0; k < x.Length; k++)
                {
                    x[k] += amplitude * vector[k] / Math.Sqrt(masses[k / 3]);
                }
            }

            var structure = minimum.WithPositions(x);
            var result = xtb.Compute(structure, cancellationToken);
            if (result.Energy - minimumEnergy <= window)
            {
                kept.Add(new LabelledSample(structure, result.Energy, result.Forces));
            }
        }

        return (new Dataset(kept), draws);
    }

    private static double Normal(Random rng)
        => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
