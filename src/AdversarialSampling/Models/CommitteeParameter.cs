using TorchSharp.Modules;

namespace AdversarialSampling.Models;

/// <summary>
/// A parameter of an <see cref="ICommitteeModel"/> and the member that owns it: either one member
/// (<see cref="Member"/> set) or all members stacked along dimension 0 (<see cref="Member"/> null, shape
/// [M, …], slice m belongs to member m).
/// </summary>
/// <param name="Parameter">The parameter tensor.</param>
/// <param name="Member">Owning member (0-based), or null for a stacked parameter with the member axis first.</param>
public readonly record struct CommitteeParameter(Parameter Parameter, int? Member)
{
    /// <summary>True if the parameter holds every member, stacked along dimension 0.</summary>
    public bool IsStacked => Member is null;
}
