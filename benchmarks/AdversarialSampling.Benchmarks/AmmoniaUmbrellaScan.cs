using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// The committee's uncertainties along the NH3 umbrella (inversion) path, printed by <c>--nh3-attack-report</c>:
/// the pyramid height h is scanned at fixed N–H lengths from beyond the seed down to the planar geometry, on two
/// paths: the exactly symmetric one (C3v, D3h at h = 0; N–H length the seed's mean) and the seed's own (each H keeps
/// its N–H length and its direction around the axis, the three H stay in a plane at distance h from N; planar but
/// not D3h at h = 0). Per point: the committee-mean energy above the training minimum, the force variance u_F
/// (eV²/Å²), the part of u_F carried by the force components along the molecular axis (the normal of the H plane),
/// the largest per-atom force variance, the energy variance u_E (eV²), and the log objective of the default
/// temperature for u_F and for u_E (log u − (Ē − E_min)/kT, without the constant log Z′).
/// </summary>
internal static class AmmoniaUmbrellaScan
{
    /// <summary>Prints both profiles.</summary>
    /// <param name="committee">The trained committee.</param>
    /// <param name="seed">The seed geometry (N first, then three H).</param>
    /// <param name="minimum">The training minimum energy (eV).</param>
    /// <param name="kT">The default preset's kT (eV).</param>
    public static void Print(TorchCommittee committee, AtomicStructure seed, double minimum, double kT)
    {
        var (normal, h0, lengths, radial) = Decompose(seed);
        double meanLength = lengths.Average();
        var scan = Enumerable.Range(0, 31).Select(k => 0.60 - (0.02 * k)).Append(h0).Order().Reverse().ToArray();
        foreach (bool symmetric in new[] { true, false })
        {
            var geometries = scan.Select(h => symmetric ? Symmetric(seed, h, meanLength) : SeedPath(seed, normal, lengths, radial, h)).ToList();
            var predictions = committee.Predict(geometries);
            Console.WriteLine();
            Console.WriteLine(symmetric
                ? string.Create(CultureInfo.InvariantCulture, $"Umbrella path, symmetric (C3v; D3h at h = 0), N–H {meanLength:F3} Å; seed h = {h0:F3} Å; kT {kT:G3} eV")
                : string.Create(CultureInfo.InvariantCulture, $"Umbrella path through the seed (its N–H lengths {string.Join(", ", lengths.Select(l => l.ToString("F3", CultureInfo.InvariantCulture)))} Å and H directions kept); seed h = {h0:F3} Å"));
            Console.WriteLine();
            Console.WriteLine("| h (Å) | Ē − min E_train (eV) | u_F (eV²/Å²) | axial share of u_F | max-atom u_F (eV²/Å²) | u_E (eV²) | log u_F − Ē/kT | log u_E − Ē/kT |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            for (int k = 0; k < scan.Length; k++)
            {
                var p = predictions[k];
                double uF = new ForceVariance().Evaluate(p), uE = new EnergyVariance().Evaluate(p), e = p.MeanEnergy - minimum;
                double axial = AxialVariance(p, Decompose(geometries[k]).Normal) / uF;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scan[k]:F3}{(scan[k] == h0 ? " (seed)" : string.Empty)} | {e:F3} | {uF:G3} | {axial:F2} | {new MaxAtomForceVariance().Evaluate(p):G3} | {uE:G3} | {Math.Log(uF) - (e / kT):F2} | {Math.Log(uE) - (e / kT):F2} |"));
            }
        }
    }

    /// <summary>
    /// Mean over the 3N components of the member variance of the forces projected on <paramref name="axis"/>
    /// (eV²/Å²): the part of u_F along the axis (u_F is the trace of each atom's force covariance over 3N, so the
    /// projections on any orthonormal frame add up to it).
    /// </summary>
    private static double AxialVariance(StructurePrediction p, double[] axis)
    {
        int n = p.AtomCount;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var values = p.MemberForces.Select(f => (f[3 * i] * axis[0]) + (f[(3 * i) + 1] * axis[1]) + (f[(3 * i) + 2] * axis[2])).ToArray();
            total += CommitteeVariance.Of(values);
        }

        return total / (3 * n);
    }

    /// <summary>Unit normal of the H plane (toward N), distance h of N from it, the N–H lengths and the unit in-plane directions of the three H from the axis.</summary>
    private static (double[] Normal, double Height, double[] Lengths, double[][] Radial) Decompose(AtomicStructure s)
    {
        var p = s.Positions;
        double[] a = [p[6] - p[3], p[7] - p[4], p[8] - p[5]], b = [p[9] - p[3], p[10] - p[4], p[11] - p[5]];
        double[] n = [(a[1] * b[2]) - (a[2] * b[1]), (a[2] * b[0]) - (a[0] * b[2]), (a[0] * b[1]) - (a[1] * b[0])];
        double norm = Math.Sqrt(Dot(n, n));
        n = [.. n.Select(x => x / norm)];
        double h = ((p[0] - p[3]) * n[0]) + ((p[1] - p[4]) * n[1]) + ((p[2] - p[5]) * n[2]);
        if (h < 0)
        {
            n = [.. n.Select(x => -x)];
            h = -h;
        }

        var lengths = new double[3];
        var radial = new double[3][];
        for (int k = 1; k <= 3; k++)
        {
            double[] v = [p[3 * k] - p[0], p[(3 * k) + 1] - p[1], p[(3 * k) + 2] - p[2]];
            lengths[k - 1] = Math.Sqrt(Dot(v, v));
            double along = Dot(v, n);
            double[] r = [v[0] - (along * n[0]), v[1] - (along * n[1]), v[2] - (along * n[2])];
            double rn = Math.Sqrt(Dot(r, r));
            radial[k - 1] = [.. r.Select(x => x / rn)];
        }

        return (n, h, lengths, radial);
    }

    /// <summary>The seed's path: N fixed, each H at its own N–H length along its own in-plane direction, all three at −h along the axis.</summary>
    private static AtomicStructure SeedPath(AtomicStructure seed, double[] normal, double[] lengths, double[][] radial, double h)
    {
        var p = seed.Positions;
        var positions = new double[12];
        Array.Copy(p.ToArray(), positions, 3);
        for (int k = 0; k < 3; k++)
        {
            double rho = Math.Sqrt((lengths[k] * lengths[k]) - (h * h));
            for (int c = 0; c < 3; c++)
            {
                positions[(3 * (k + 1)) + c] = p[c] - (h * normal[c]) + (rho * radial[k][c]);
            }
        }

        return seed.WithPositions(positions);
    }

    /// <summary>The symmetric pyramid: N at (0, 0, h), the H at 120° in the plane z = 0, all N–H = <paramref name="length"/>.</summary>
    private static AtomicStructure Symmetric(AtomicStructure seed, double h, double length)
    {
        double rho = Math.Sqrt((length * length) - (h * h));
        var positions = new double[12];
        positions[2] = h;
        for (int k = 0; k < 3; k++)
        {
            positions[3 * (k + 1)] = rho * Math.Cos(2 * Math.PI * k / 3);
            positions[(3 * (k + 1)) + 1] = rho * Math.Sin(2 * Math.PI * k / 3);
        }

        return seed.WithPositions(positions);
    }

    private static double Dot(double[] a, double[] b) => (a[0] * b[0]) + (a[1] * b[1]) + (a[2] * b[2]);
}
