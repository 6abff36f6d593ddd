namespace AdversarialSampling.Loop;

/// <summary>A run's stop for good, as recorded in its run store (<see cref="ActiveLearningLoop.ReadStop"/>).</summary>
/// <param name="Generation">The generation at which the run stopped (≥ 0).</param>
/// <param name="Reason">Why: <see cref="LoopStopReason.FailureRatioExceeded"/> or <see cref="LoopStopReason.TrainingFailed"/>.</param>
/// <param name="Message">What happened and what to do, in a sentence or two.</param>
public sealed record LoopStop(int Generation, LoopStopReason Reason, string Message);
