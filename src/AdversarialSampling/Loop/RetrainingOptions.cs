using System.Globalization;
using System.Text.Json.Serialization;

namespace AdversarialSampling.Loop;

/// <summary>
/// How the loop builds each generation's training data and trains the committee. Defaults follow the paper
/// (method.md §3): re-initialise every generation, new points replicated 4× in the training split only,
/// a 60/20/20 train/validation/test split of the initial data (seeded, fixed for the whole run).
/// </summary>
/// <remarks>
/// <para>Split: the initial data is split once, with a seed derived from the loop seed. The validation part drives
/// early stopping and model selection and is where <see cref="GenerationReport.Validation"/> is measured; the test part
/// is never trained on (<see cref="GenerationReport.Test"/>). Labels added by the loop go to the training split, except
/// the share <see cref="NewLabelValidationFraction"/> held out for validation (default none).</para>
/// <para>Energy ceiling: labels whose energy is more than <see cref="EnergyCeiling"/> above the lowest energy of the
/// initial data are kept in the dataset, the run store and the exported extended XYZ, but are not trained on (nor used
/// as seeds or for the uncertainty percentile). Each report says how many were excluded
/// (<see cref="GenerationReport.ExcludedByEnergyCeiling"/>). This keeps far-above-the-region labels (which an attack at
/// a high temperature finds) from spending the committee's capacity, protecting the low-energy fit.</para>
/// </remarks>
public sealed record RetrainingOptions
{
    /// <summary>Re-initialise (default) or warm-start each generation's committee.</summary>
    public RetrainingMode Mode { get; init; } = RetrainingMode.Reinitialize;

    /// <summary>How many times each label added by the loop enters the training split (≥ 1); default 4 (the paper's).</summary>
    public int ReplicationWeight { get; init; } = 4;

    /// <summary>Fraction of the initial data used for training, in (0, 1]; default 0.6.</summary>
    public double TrainFraction { get; init; } = 0.6;

    /// <summary>Fraction of the initial data used for validation, in [0, 1 − <see cref="TrainFraction"/>]; default 0.2. The rest is the test set.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>
    /// Share of the labels added by the loop that is held out for validation instead of training, in [0, 1); default 0
    /// (every new label is trained on). Each new label is held out with this probability, decided by its oracle-call key
    /// and the loop seed (so a resumed or repeated run holds out the same labels). Held-out labels join the initial
    /// validation part: they drive early stopping and the choice of the best weights, and
    /// <see cref="GenerationReport.Validation"/> is measured on them too. They are neither trained on nor used as seeds.
    /// Use it when the initial data covers only part of the region the loop explores (for example one basin): a
    /// validation set drawn from the initial data alone picks the weights that fit that part best, whatever they do where
    /// the new labels are.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] // 0 leaves the fingerprints of earlier runs unchanged
    public double NewLabelValidationFraction { get; init; }

    /// <summary>
    /// Energy ceiling for training (eV above the lowest energy of the initial data, total energy), or null (default):
    /// every label is trained on. Labels above it stay in the dataset and the store but are excluded from training.
    /// </summary>
    public double? EnergyCeiling { get; init; }

    /// <summary>
    /// Boltzmann-style weighting of the training (and validation) loss, or null (default): every label weighs the same.
    /// The soft alternative to <see cref="EnergyCeiling"/>: high labels stay in training with a small weight, so the
    /// committee still learns the surface there (and the attack stops going back) without the low-energy fit being
    /// spent on them. Needs the library's <see cref="Committees.TorchCommittee"/>.
    /// </summary>
    public BoltzmannLossWeighting? LossWeighting { get; init; }

    /// <summary>Problems with the options (empty when valid), one message each naming the option.</summary>
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

        Check(Enum.IsDefined(Mode), $"Retraining.Mode {(int)Mode} is unknown.");
        Check(ReplicationWeight >= 1, $"Retraining.ReplicationWeight must be ≥ 1; found {ReplicationWeight}.");
        Check(TrainFraction > 0 && TrainFraction <= 1, $"Retraining.TrainFraction must be in (0, 1]; found {TrainFraction}.");
        Check(
            ValidationFraction >= 0 && TrainFraction + ValidationFraction <= 1 + 1e-12,
            $"Retraining.ValidationFraction must be in [0, 1 − TrainFraction]; found {ValidationFraction} with TrainFraction {TrainFraction}.");
        Check(
            NewLabelValidationFraction >= 0 && NewLabelValidationFraction < 1,
            $"Retraining.NewLabelValidationFraction must be in [0, 1); found {NewLabelValidationFraction}.");
        Check(EnergyCeiling is null || (EnergyCeiling > 0 && double.IsFinite(EnergyCeiling.Value)), $"Retraining.EnergyCeiling must be positive and finite (eV) or null; found {EnergyCeiling}.");
        if (LossWeighting is not null)
        {
            problems.AddRange(LossWeighting.Validate());
        }

        return problems;
    }
}
