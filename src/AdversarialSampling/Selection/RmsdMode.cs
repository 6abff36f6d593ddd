namespace AdversarialSampling.Selection;

/// <summary>How two structures with the same atoms in the same order are compared.</summary>
public enum RmsdMode
{
    /// <summary>
    /// Kabsch-aligned RMSD (Å): both structures are centred and optimally rotated (proper rotations only)
    /// before the atom-wise RMSD. For molecules, whose frame is arbitrary. The default.
    /// </summary>
    Kabsch,

    /// <summary>
    /// Atom-wise RMSD without alignment (Å). For systems whose frame is fixed (toy surfaces, frozen frameworks);
    /// note that Kabsch alignment makes every one-atom structure identical.
    /// </summary>
    Plain,
}
