namespace AdversarialSampling.Optimization;

/// <summary>Why an optimisation (of a structure or of a band) stopped.</summary>
public enum OptimizationExitReason
{
    /// <summary>The largest force fell to the tolerance.</summary>
    Converged,

    /// <summary>The step limit was reached first.</summary>
    MaxSteps,

    /// <summary>The potential returned a non-finite energy or force; the last finite state is returned.</summary>
    NonFinite,
}
