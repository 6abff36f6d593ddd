namespace AdversarialSampling.Optimization;

/// <summary>The update rule of an optimiser: the displacement to take from the current point.</summary>
internal interface IStepRule
{
    /// <summary>The displacement (same length as <paramref name="x"/>) from positions <paramref name="x"/> with forces <paramref name="forces"/> (frozen components already 0).</summary>
    double[] Step(double[] x, double[] forces);
}
