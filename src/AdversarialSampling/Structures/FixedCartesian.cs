namespace AdversarialSampling.Structures;

/// <summary>
/// Freezes selected Cartesian components of one atom, as ASE's <c>FixCartesian(index, mask)</c>.
/// </summary>
/// <param name="Atom">Zero-based atom index.</param>
/// <param name="X">True if the x component is frozen.</param>
/// <param name="Y">True if the y component is frozen.</param>
/// <param name="Z">True if the z component is frozen.</param>
public readonly record struct FixedCartesian(int Atom, bool X, bool Y, bool Z);
