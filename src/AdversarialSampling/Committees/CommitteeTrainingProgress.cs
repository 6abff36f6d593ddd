namespace AdversarialSampling.Committees;

/// <summary>Per-epoch training progress of a committee. Losses are the weighted loss (eV² units mixed by the loss weights).</summary>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="TrainingLoss">Mean training loss over members.</param>
/// <param name="ValidationLoss">Mean validation loss over members (NaN without validation data).</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="Elapsed">Time since training started.</param>
public sealed record CommitteeTrainingProgress(int Epoch, double TrainingLoss, double ValidationLoss, double LearningRate, TimeSpan Elapsed);
