namespace AdversarialSampling.Loop;

/// <summary>
/// The training state a run has saved for a generation whose training has not finished
/// (<see cref="ActiveLearningLoop.ReadSavedTrainingState"/>): a resume continues that training after <see cref="Epoch"/>.
/// </summary>
/// <param name="Generation">The generation being trained (≥ 0).</param>
/// <param name="Epoch">Completed epochs the state holds, or null if its file could not be read.</param>
/// <param name="SavedUtc">When the state was recorded.</param>
public sealed record SavedTrainingState(int Generation, int? Epoch, DateTimeOffset SavedUtc);
