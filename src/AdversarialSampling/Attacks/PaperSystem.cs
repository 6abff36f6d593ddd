namespace AdversarialSampling.Attacks;

/// <summary>Which of the paper's reference attack settings (method.md §3) <see cref="GradientAttackOptions.Paper"/> returns.</summary>
public enum PaperSystem
{
    /// <summary>1D double well: kT = 5, Adam learning rate 1e-3, 400 steps, δ std 0.01, unbounded.</summary>
    DoubleWell1D,

    /// <summary>2D double well: kT = 5, Adam learning rate 3e-3, 600 steps, δ std 0.01, unbounded.</summary>
    DoubleWell2D,

    /// <summary>Molecules (SchNet): kT = 20 kcal/mol (0.867 eV), Adam learning rate 1e-2, 100 steps, δ std 0.01 Å, clamp ±3 Å.</summary>
    Molecule,
}
