using AdversarialSampling.Committees;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Samples.Snippets;

/// <summary>Snippets of docs/uncertainty-metrics.md.</summary>
public static class UncertaintySnippets
{
    /// <summary>The four committee metrics on a hand-made prediction of three members for a two-atom structure.</summary>
    public static void Metrics()
    {
        #region Metrics
        // Three members predict one two-atom structure: energies (eV) and forces (eV/Å, flat N×3).
        var prediction = new StructurePrediction(
            memberEnergies: [-1.00, -1.10, -0.90],
            memberForces:
            [
                [0.0, 0.0, 1.0, 0.0, 0.0, -1.0],
                [0.0, 0.0, 1.2, 0.0, 0.0, -1.2],
                [0.0, 0.0, 0.8, 0.0, 0.0, -0.5],
            ]);

        IUncertaintyMetric[] metrics =
        [
            new ForceVariance(),                               // mean over atoms and components of Var_m F (eV²/Å²)
            new MaxAtomForceVariance(),                        // largest per-atom value (eV²/Å²)
            new EnergyVariance(),                              // Var_m E (eV²)
            new EnergyPerAtomVariance(),                       // Var_m E / N² ((eV/atom)²)
            new ForceVariance(VarianceEstimator.Population),   // divides by M instead of M − 1
        ];
        foreach (var metric in metrics)
        {
            Console.WriteLine($"{metric}: {metric.Evaluate(prediction):G4}");   // "ForceVariance (Unbiased, eV²/Å²): 0.02833", ...
        }

        // A threshold carries its unit: comparing it with another metric's values throws.
        UncertaintyThreshold threshold = new ForceVariance().Threshold(0.05);   // 0.05 eV²/Å²
        #endregion
        Console.WriteLine($"threshold: {threshold}");
    }
}
