using System.Globalization;

namespace AdversarialSampling.Optimization;

/// <summary>
/// Options of the L-BFGS optimiser, with ASE's defaults: 100 stored steps, a first step along the force divided by
/// <see cref="InitialCurvature"/> (70 eV/Å²; later steps scale the initial inverse Hessian by s·y / y·y of the newest
/// pair), no line search, and <see cref="OptimizerOptions.MaxStep"/> bounding
/// the displacement of the atom that moves most (the whole step is scaled down).
/// </summary>
public sealed record LbfgsOptions : OptimizerOptions
{
    /// <summary>Number of stored (s, y) pairs (≥ 1); default 100.</summary>
    public int Memory { get; init; } = 100;

    /// <summary>Curvature of the Hessian guess of the first step (eV/Å², finite, positive); default 70 eV/Å² (ASE's, suited to molecules and solids).</summary>
    public double InitialCurvature { get; init; } = 70;

    /// <inheritdoc />
    protected override void AddProblems(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Memory < 1)
        {
            problems.Add($"Memory must be ≥ 1; got {Memory.ToString(CultureInfo.InvariantCulture)}.");
        }

        RequirePositive(problems, nameof(InitialCurvature), InitialCurvature, "eV/Å²");
    }
}
