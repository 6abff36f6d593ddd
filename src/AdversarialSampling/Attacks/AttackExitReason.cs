namespace AdversarialSampling.Attacks;

/// <summary>Why an attack trajectory stopped.</summary>
public enum AttackExitReason
{
    /// <summary>The configured number of steps was reached.</summary>
    MaxSteps,

    /// <summary>The uncertainty target was reached (early stop).</summary>
    TargetReached,

    /// <summary>The committee-predicted energy ceiling stopped further moves.</summary>
    EnergyCeiling,

    /// <summary>The minimum-distance guard stopped further moves.</summary>
    DistanceGuard,

    /// <summary>A non-finite value appeared; the last finite geometry is returned.</summary>
    NonFinite,

    /// <summary>A baseline that does not iterate (e.g. random displacement).</summary>
    NotIterative,
}
