namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>
/// Errors of a model on the evaluation grid: root-mean-square errors of the energy (eV) and of the force
/// components x and y (eV/Å, over points and both components), on the whole grid and on the low-energy
/// points (true E ≤ <see cref="DoubleWellGrid.LowEnergyLimit"/>), the region a simulation visits.
/// </summary>
/// <param name="EnergyRmseLow">Energy RMSE on the points with true E ≤ 1 (eV).</param>
/// <param name="EnergyRmseGrid">Energy RMSE on the whole grid (eV).</param>
/// <param name="ForceRmseLow">Force RMSE on the points with true E ≤ 1 (eV/Å).</param>
/// <param name="ForceRmseGrid">Force RMSE on the whole grid (eV/Å).</param>
public sealed record GridErrors(double EnergyRmseLow, double EnergyRmseGrid, double ForceRmseLow, double ForceRmseGrid);
