namespace AdversarialSampling.Loop;

/// <summary>Errors of a committee's member-mean prediction on a fixed set of labelled samples.</summary>
/// <param name="Count">Number of samples.</param>
/// <param name="EnergyRmse">Root-mean-square energy error (eV).</param>
/// <param name="ForceRmse">Root-mean-square force error over every atom and Cartesian component (eV/Å); NaN when no sample has forces.</param>
/// <param name="EnergyMae">Mean absolute energy error (eV).</param>
public sealed record CommitteeErrors(int Count, double EnergyRmse, double ForceRmse, double EnergyMae);
