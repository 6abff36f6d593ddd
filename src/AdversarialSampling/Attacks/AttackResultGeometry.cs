namespace AdversarialSampling.Attacks;

/// <summary>Which geometry of a gradient-attack trajectory is returned for a seed.</summary>
public enum AttackResultGeometry
{
    /// <summary>The last accepted geometry (the paper's choice).</summary>
    Last,

    /// <summary>The accepted geometry with the highest log objective seen along the trajectory (the seed itself included).</summary>
    Best,
}
