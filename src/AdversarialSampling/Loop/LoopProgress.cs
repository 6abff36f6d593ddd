namespace AdversarialSampling.Loop;

/// <summary>A progress event of the loop (see <see cref="ActiveLearningLoopBuilder.WithProgress"/>).</summary>
/// <param name="Generation">The generation (≥ 0).</param>
/// <param name="Phase">The phase.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Completed">For <see cref="LoopProgressKind.Labelled"/>: requests finished so far; otherwise 0.</param>
/// <param name="Total">For <see cref="LoopProgressKind.Labelled"/>: requests of the generation; otherwise 0.</param>
/// <param name="Detail">A short human-readable detail, or null.</param>
public sealed record LoopProgress(int Generation, LoopPhase Phase, LoopProgressKind Kind, int Completed = 0, int Total = 0, string? Detail = null);
