using System.Diagnostics;
using System.Security.Cryptography;
using AdversarialSampling.Committees;
using AdversarialSampling.Dynamics;
using AdversarialSampling.Optimization;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;
using static TorchSharp.torch;

namespace AdversarialSampling.Samples.Ammonia;

/// <summary>
/// Measures a committee (its member mean) against xtb: the inversion barrier by two L-BFGS optimisations (the pyramid
/// from the xtb minimum; the planar structure from the xtb D3h structure with every z frozen), and the NN-MD stability
/// test of method.md §5: NVE velocity Verlet from the xtb minimum, Maxwell–Boltzmann velocities at 1500 K (seeds 0 … n − 1,
/// the same for every committee), 5 ps, a trajectory "explodes" when any distance leaves [0.75, 2.25] Å; at 1 fs and 0.5 fs,
/// every trajectory of a time step integrated together as replicas (<see cref="ReplicaDynamics"/>).
/// </summary>
/// <param name="reference">The xtb reference.</param>
/// <param name="options">The sample's options (trajectories, length).</param>
public sealed class CommitteeProbe(ReferenceData reference, SampleOptions options)
{
    /// <summary>Initial temperature of the stability test (K).</summary>
    public const double StabilityTemperatureK = 1500;

    /// <summary>
    /// Steps between neighbour-list rebuilds in the stability MD: exact here, because the model cutoff (4 Å; 5 Å with --committee library) is far beyond
    /// the 2.25 Å at which the stability check stops a trajectory, so no pair can cross it during a run.
    /// </summary>
    public const int NeighborRefreshInterval = 100;

    private static readonly LbfgsOptimizer Optimizer = new(new LbfgsOptions { ForceTolerance = 5e-3, MaxSteps = 400 });

    /// <summary>Measures the committee.</summary>
    /// <param name="committee">The committee.</param>
    /// <param name="stability">Run the NN-MD stability test too (otherwise its fields are NaN).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The metrics.</returns>
    public CommitteeMetrics Measure(TorchCommittee committee, bool stability, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(committee);
        var clock = Stopwatch.StartNew();
        var minimum = Optimizer.Minimize(committee, reference.Minimum, cancellationToken: cancellationToken);
        var planar = Optimizer.MinimizeConstrained(committee, reference.PlanarStructure, AmmoniaGeometry.KeepPlanar(), cancellationToken: cancellationToken);
        var atStationary = committee.Predict([minimum.Structure, planar.Structure], cancellationToken).Structures;
        var forceVariance = new ForceVariance();
        var energyVariance = new EnergyVariance();
        IReadOnlyList<MdResult> half = stability ? Stability(committee, 0.5, cancellationToken) : [];
        IReadOnlyList<MdResult> one = stability ? Stability(committee, 1.0, cancellationToken) : [];
        return new CommitteeMetrics
        {
            Checksum = Checksum(committee),
            BarrierKcalPerMol = (planar.Energy - minimum.Energy) / Units.KcalPerMol,
            MinimumPyramidHeight = AmmoniaGeometry.PyramidHeight(minimum.Structure),
            MinimumForceVariance = forceVariance.Evaluate(atStationary[0]),
            SaddleForceVariance = forceVariance.Evaluate(atStationary[1]),
            MinimumEnergyVariance = energyVariance.Evaluate(atStationary[0]),
            SaddleEnergyVariance = energyVariance.Evaluate(atStationary[1]),
            OptimisationsConverged = minimum.Converged && planar.Converged,
            StabilityMeasured = stability,
            StableFraction = Fraction(half),
            StableFraction1Fs = Fraction(one),
            Trajectories = stability ? options.Trajectories : 0,
            MedianAbsDrift = Statistics.Median(half.Where(r => r.IsStable).Select(r => Math.Abs(r.EnergyDrift))),
            MedianAbsDrift1Fs = Statistics.Median(one.Where(r => r.IsStable).Select(r => Math.Abs(r.EnergyDrift))),
            MedianMaxDeviation = Statistics.Median(half.Where(r => r.IsStable).Select(r => r.MaxEnergyDeviation)),
            MedianMaxDeviation1Fs = Statistics.Median(one.Where(r => r.IsStable).Select(r => r.MaxEnergyDeviation)),
            MedianExplosionFs = Statistics.Median(half.Where(r => r.ViolationTimeFs is not null).Select(r => r.ViolationTimeFs!.Value)),
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
        };
    }

    /// <summary>SHA-256 prefix (16 hex digits) of every parameter of the committee, in order.</summary>
    /// <param name="committee">The committee.</param>
    /// <returns>The checksum.</returns>
    public static string Checksum(TorchCommittee committee)
    {
        ArgumentNullException.ThrowIfNull(committee);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var scope = NewDisposeScope();
        foreach (var p in committee.Model.Parameters())
        {
            var values = p.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            var bytes = new byte[values.Length * sizeof(double)];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private IReadOnlyList<MdResult> Stability(TorchCommittee committee, double timeStepFs, CancellationToken cancellationToken)
    {
        var start = reference.Minimum;
        var velocities = Enumerable.Range(0, options.Trajectories)
            .Select(i => (IReadOnlyList<double>)Velocities.MaxwellBoltzmann(start, StabilityTemperatureK, seed: i))
            .ToList();
        int steps = (int)Math.Round(options.MdPicoseconds * 1000 / timeStepFs);
        var md = new ReplicaDynamics(
            new MdOptions
            {
                TimeStepFs = timeStepFs,
                Steps = steps,
                Stability = StabilityChecker.Ammonia,
                SampleInterval = Math.Max(1, (int)Math.Round(10 / timeStepFs)),
            },
            NeighborRefreshInterval);
        return md.Run(committee, [.. Enumerable.Repeat(start, options.Trajectories)], velocities, cancellationToken);
    }

    private static double Fraction(IReadOnlyList<MdResult> results) => results.Count == 0 ? double.NaN : results.Count(r => r.IsStable) / (double)results.Count;
}
