namespace AdversarialSampling.Dynamics;

/// <summary>Why a <see cref="MolecularDynamics"/> run stopped.</summary>
public enum MdExitReason
{
    /// <summary>Every requested step was done.</summary>
    Completed,

    /// <summary>The <see cref="StabilityChecker"/> found an interatomic distance outside its window and <see cref="MdOptions.StopOnInstability"/> is set.</summary>
    Unstable,

    /// <summary>The potential returned a non-finite energy or force, or a position or velocity became non-finite; the last finite state is returned.</summary>
    NonFinite,

    /// <summary>The caller stopped the trajectory early (e.g. the <see cref="Explorers.MdExplorer"/> after collecting enough uncertain frames); the state reached is returned.</summary>
    Stopped,
}
