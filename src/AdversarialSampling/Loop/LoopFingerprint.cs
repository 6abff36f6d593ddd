namespace AdversarialSampling.Loop;

/// <summary>The configuration fingerprint of a loop (see <see cref="ActiveLearningLoop.Fingerprint"/>).</summary>
internal static class LoopFingerprint
{
    public static string Compute(LoopSettings settings) => "{}";
}
