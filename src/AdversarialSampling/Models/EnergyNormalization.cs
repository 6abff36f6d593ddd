using AdversarialSampling.Structures;

namespace AdversarialSampling.Models;

/// <summary>
/// The global energy normalisation E = shift + scale · net(x) fitted from training labels:
/// shift = mean energy (eV); scale = RMS of all force components (eV/Å × 1 Å) when any sample has
/// forces, else the population standard deviation of the energies (eV); 1 when that is zero or undefined.
/// </summary>
internal static class EnergyNormalization
{
    /// <summary>Fits shift and scale.</summary>
    /// <param name="training">Training samples.</param>
    /// <returns>(shift eV, scale eV).</returns>
    public static (double Shift, double Scale) Fit(Dataset training)
    {
        if (training.Count == 0)
        {
            return (0, 1);
        }

        double shift = training.Average(s => s.Energy);
        double sumF2 = 0;
        long countF = 0;
        foreach (var s in training)
        {
            foreach (var f in s.Forces)
            {
                sumF2 += f * f;
                countF++;
            }
        }

        double scale = countF > 0
            ? Math.Sqrt(sumF2 / countF)
            : Math.Sqrt(training.Average(s => (s.Energy - shift) * (s.Energy - shift)));
        return (shift, double.IsFinite(scale) && scale > 1e-12 ? scale : 1);
    }
}
