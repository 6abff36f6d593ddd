using System.Globalization;

namespace AdversarialSampling.Committees;

/// <summary>
/// Committee training settings. Defaults follow the paper's toy-model training (method.md §3): Adam with
/// learning rate 1e-3, minibatches of 35, 400 epochs, loss 1·MSE(E) + 10·MSE(F), learning-rate decay on
/// plateau, best-validation weights kept.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Maximum number of epochs; default 400.</summary>
    public int Epochs { get; init; } = 400;

    /// <summary>Structures per minibatch; default 35.</summary>
    public int BatchSize { get; init; } = 35;

    /// <summary>Initial Adam learning rate; default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight w_E of the energy term MSE(E) (eV²); default 1.</summary>
    public double EnergyWeight { get; init; } = 1;

    /// <summary>Weight w_F of the force term MSE(F) (eV²/Å², over atoms and components); default 10. Zero trains on energies only.</summary>
    public double ForceWeight { get; init; } = 10;

    /// <summary>Factor applied to the learning rate when the summed validation loss plateaus; default 0.5.</summary>
    public double PlateauFactor { get; init; } = 0.5;

    /// <summary>Epochs without a relative improvement of <see cref="PlateauThreshold"/> before the learning rate decays; default 10.</summary>
    public int PlateauPatience { get; init; } = 10;

    /// <summary>Relative improvement of the summed validation loss that resets the plateau counter; default 1e-4.</summary>
    public double PlateauThreshold { get; init; } = 1e-4;

    /// <summary>Lower bound of the learning rate under plateau decay; default 1e-6.</summary>
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>Stop when no member's validation loss improved for this many epochs; default 50; 0 disables early stopping.</summary>
    public int EarlyStoppingPatience { get; init; } = 50;

    /// <summary>Optional per-member gradient-norm clip (each member's gradient is scaled to at most this L2 norm); default null (off).</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Divergences (non-finite loss or weights) rolled back before training gives up; default 10.</summary>
    public int MaxRollbacks { get; init; } = 10;

    /// <summary>Problems with the settings (empty when valid), one message each naming the setting.</summary>
    /// <returns>Messages.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, FormattableString message)
        {
            if (!ok)
            {
                problems.Add(message.ToString(CultureInfo.InvariantCulture));
            }
        }

        Check(Epochs >= 0, $"Training.Epochs must be ≥ 0; found {Epochs}.");
        Check(BatchSize >= 1, $"Training.BatchSize must be ≥ 1; found {BatchSize}.");
        Check(double.IsFinite(LearningRate) && LearningRate > 0, $"Training.LearningRate must be positive and finite; found {LearningRate}.");
        Check(double.IsFinite(EnergyWeight) && EnergyWeight >= 0, $"Training.EnergyWeight must be ≥ 0 and finite; found {EnergyWeight}.");
        Check(double.IsFinite(ForceWeight) && ForceWeight >= 0, $"Training.ForceWeight must be ≥ 0 and finite; found {ForceWeight}.");
        Check(EnergyWeight + ForceWeight > 0, $"Training.EnergyWeight and ForceWeight must not both be zero.");
        Check(PlateauFactor > 0 && PlateauFactor <= 1, $"Training.PlateauFactor must be in (0, 1]; found {PlateauFactor}.");
        Check(PlateauPatience >= 0, $"Training.PlateauPatience must be ≥ 0; found {PlateauPatience}.");
        Check(double.IsFinite(PlateauThreshold) && PlateauThreshold >= 0, $"Training.PlateauThreshold must be ≥ 0 and finite; found {PlateauThreshold}.");
        Check(double.IsFinite(MinLearningRate) && MinLearningRate >= 0, $"Training.MinLearningRate must be ≥ 0 and finite; found {MinLearningRate}.");
        Check(EarlyStoppingPatience >= 0, $"Training.EarlyStoppingPatience must be ≥ 0; found {EarlyStoppingPatience}.");
        Check(GradientClipNorm is null || (double.IsFinite(GradientClipNorm.Value) && GradientClipNorm > 0), $"Training.GradientClipNorm must be positive and finite when set; found {GradientClipNorm}.");
        Check(MaxRollbacks >= 0, $"Training.MaxRollbacks must be ≥ 0; found {MaxRollbacks}.");
        return problems;
    }
}
