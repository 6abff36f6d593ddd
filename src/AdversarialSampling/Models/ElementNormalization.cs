using AdversarialSampling.Structures;
using MathNet.Numerics.LinearAlgebra;

namespace AdversarialSampling.Models;

/// <summary>
/// Per-element energy shift and scale of atom-wise models, fitted from training labels
/// (see <see cref="SchNetCommittee.FitNormalization"/> for the rules).
/// </summary>
internal static class ElementNormalization
{
    /// <summary>Singular values below this fraction of the largest are treated as zero (rank-deficient compositions).</summary>
    private const double RelativeSingularTolerance = 1e-10;

    /// <summary>Fits shifts and scales indexed by atomic number (length <paramref name="maxAtomicNumber"/> + 1).</summary>
    public static (double[] Shifts, double[] Scales) Fit(Dataset training, int maxAtomicNumber)
    {
        var shifts = new double[maxAtomicNumber + 1];
        var scales = Enumerable.Repeat(1.0, maxAtomicNumber + 1).ToArray();
        if (training.Count == 0)
        {
            return (shifts, scales);
        }

        int[] elements = [.. training.SelectMany(s => s.Structure.AtomicNumbers).Distinct().Order()];
        if (elements[^1] > maxAtomicNumber)
        {
            throw new ArgumentException($"The training set contains element Z = {elements[^1]} above the model's MaxAtomicNumber {maxAtomicNumber}.", nameof(training));
        }

        var column = elements.Select((z, k) => (z, k)).ToDictionary(p => p.z, p => p.k);
        var counts = Matrix<double>.Build.Dense(training.Count, elements.Length);
        var energies = Vector<double>.Build.Dense(training.Count);
        double atoms = 0;
        for (int b = 0; b < training.Count; b++)
        {
            foreach (int z in training[b].Structure.AtomicNumbers)
            {
                counts[b, column[z]] += 1;
            }

            energies[b] = training[b].Energy;
            atoms += training[b].Structure.AtomCount;
        }

        // Least squares around the mean energy per atom: the minimum-norm solution for the deviations keeps
        // shifts equal to the mean per-atom energy along compositions the data cannot tell apart (e.g. every
        // structure has the same formula), and is the ordinary least-squares fit when they are all resolved.
        double mean = energies.Sum() / atoms;
        var deviation = MinimumNormLeastSquares(counts, energies - counts * Vector<double>.Build.Dense(elements.Length, mean));
        Array.Fill(shifts, mean);
        for (int k = 0; k < elements.Length; k++)
        {
            shifts[elements[k]] = mean + deviation[k];
        }

        double global = ForceRms(training, null) ?? ResidualEnergySpread(training, counts, energies, mean, deviation) ?? 1.0;
        Array.Fill(scales, global);
        foreach (int z in elements)
        {
            scales[z] = ForceRms(training, z) ?? global;
        }

        return (shifts, scales);
    }

    private static Vector<double> MinimumNormLeastSquares(Matrix<double> a, Vector<double> y)
    {
        var svd = a.Svd(computeVectors: true);
        var x = Vector<double>.Build.Dense(a.ColumnCount);
        double largest = svd.S.Count > 0 ? svd.S[0] : 0;
        for (int i = 0; i < svd.S.Count; i++)
        {
            if (svd.S[i] > RelativeSingularTolerance * largest)
            {
                x += svd.VT.Row(i) * (svd.U.Column(i).DotProduct(y) / svd.S[i]);
            }
        }

        return x;
    }

    /// <summary>Root mean square of the force components (eV/Å) on atoms of element z (all atoms if null); null without data or if zero.</summary>
    private static double? ForceRms(Dataset training, int? z)
    {
        double sum = 0;
        long n = 0;
        foreach (var sample in training.Where(s => !s.Forces.IsEmpty))
        {
            var numbers = sample.Structure.AtomicNumbers;
            for (int a = 0; a < numbers.Length; a++)
            {
                if (z is null || numbers[a] == z)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        sum += sample.Forces[3 * a + c] * sample.Forces[3 * a + c];
                    }

                    n += 3;
                }
            }
        }

        return n > 0 && sum > 0 ? Math.Sqrt(sum / n) : null;
    }

    /// <summary>Standard deviation of the per-atom energy residuals after the shift fit (eV/atom); null if below two samples or zero.</summary>
    private static double? ResidualEnergySpread(Dataset training, Matrix<double> counts, Vector<double> energies, double mean, Vector<double> deviation)
    {
        if (training.Count < 2)
        {
            return null;
        }

        var residual = energies - counts * (deviation + mean);
        var perAtom = Enumerable.Range(0, training.Count).Select(b => residual[b] / training[b].Structure.AtomCount).ToArray();
        double average = perAtom.Average();
        double spread = Math.Sqrt(perAtom.Sum(r => (r - average) * (r - average)) / perAtom.Length);
        return spread > 0 ? spread : null;
    }
}
