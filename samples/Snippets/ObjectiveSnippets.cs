using AdversarialSampling.Attacks;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

namespace AdversarialSampling.Samples.Snippets;

/// <summary>Snippets of docs/adversarial-objective.md.</summary>
public static class ObjectiveSnippets
{
    /// <summary>The objective's constants from training labels, temperatures in K and eV, and the two attack presets.</summary>
    public static void Objective()
    {
        Dataset training = DoubleWell2D.InitialTrainingSet(points: 800, maxEnergy: -2, seed: 0);

        #region Temperatures
        Temperature room = Temperature.FromKelvin(300);               // kT = 0.02585 eV
        Temperature toy = Temperature.FromThermalEnergy(5);           // kT = 5 eV (toy surfaces: energies in eV)
        Temperature paperMolecule = Temperature.FromThermalEnergy(20 * Units.KcalPerMol);   // 0.8673 eV ≈ 10064 K
        Console.WriteLine($"{room}; {toy}; {paperMolecule}");
        #endregion

        #region Objective
        // log objective = log u − (Ē − E_ref)/kT − log Z′, with Z′ from the training labels (log-sum-exp).
        var objective = BoltzmannObjective.FromTraining(training, toy, BoltzmannEnergy.Total);
        Console.WriteLine($"E_ref = {objective.EnergyReference:F3} eV (training minimum), log Z′ = {objective.LogPartition:F3}");

        // A point the committee is unsure about (u = 0.5 eV²/Å²) at a predicted energy of −1 eV, one atom:
        double logObjective = objective.LogObjective(uncertainty: 0.5, meanEnergy: -1.0, atomCount: 1);
        Console.WriteLine($"log objective = {logObjective:F3}");
        #endregion

        #region Presets
        // The reference code's settings (unbounded, kT = 5 on the 2D double well), for reproducing the paper:
        GradientAttackOptions paper = GradientAttackOptions.Paper(PaperSystem.DoubleWell2D);

        // The library default: kT from the training energy spread, an energy ceiling, a box, the best geometry.
        GradientAttackOptions library = GradientAttackOptions.Default(training, box: AttackBox.Xy(-1.2, 1.2, -1.2, 1.2));
        Console.WriteLine($"paper: {paper.Objective.Temperature}, {paper.Steps} steps; default: {library.Objective.Temperature}, ceiling {library.Bounds.EnergyCeiling:F2} eV");
        #endregion
    }
}
