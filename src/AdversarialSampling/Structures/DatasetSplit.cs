namespace AdversarialSampling.Structures;

/// <summary>A train/validation/test partition of a <see cref="Dataset"/>.</summary>
/// <param name="Train">Training samples.</param>
/// <param name="Validation">Validation samples (early stopping, model selection).</param>
/// <param name="Test">Held-out test samples.</param>
public sealed record DatasetSplit(Dataset Train, Dataset Validation, Dataset Test);
