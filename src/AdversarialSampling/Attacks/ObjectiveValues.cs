namespace AdversarialSampling.Attacks;

/// <summary>Per-structure objective values read back from a batch evaluation.</summary>
/// <param name="LogObjective">Log objective per structure (dimensionless).</param>
/// <param name="Uncertainty">u per structure (metric unit).</param>
/// <param name="Energy">Committee-mean total energy Ē per structure (eV).</param>
internal sealed record ObjectiveValues(double[] LogObjective, double[] Uncertainty, double[] Energy);
