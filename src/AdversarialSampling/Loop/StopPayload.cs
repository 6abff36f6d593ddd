namespace AdversarialSampling.Loop;

/// <summary>Why a run stopped for good (committed as phase "stopped").</summary>
internal sealed record StopPayload(LoopStopReason Reason, string Message);
