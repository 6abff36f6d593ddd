using System.Globalization;
using AdversarialSampling.Structures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>
/// A committee of independent <see cref="IEnergyModel"/> members evaluated one after the other: the way to
/// bring any differentiable TorchSharp module as a committee member. Members that are
/// <c>torch.nn.Module</c>s are registered as sub-modules "member{m}" (so the committee's state dictionary,
/// and hence <see cref="Committees.CommitteeStore"/>, covers them). The committee takes ownership of the
/// members and disposes them.
/// </summary>
public sealed class MemberCommitteeModel : nn.Module, ICommitteeModel
{
    private readonly IEnergyModel[] _members;

    /// <summary>Creates a committee from members.</summary>
    /// <param name="members">The members (at least one); no parameter may be shared between members.</param>
    /// <exception cref="ArgumentException">No members, a shared parameter, or members of different dtypes.</exception>
    public MemberCommitteeModel(IReadOnlyList<IEnergyModel> members)
        : base(nameof(MemberCommitteeModel))
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("A committee needs at least one member.", nameof(members));
        }

        _members = [.. members];
        var seen = new Dictionary<IntPtr, int>();
        var dtypes = new HashSet<ScalarType>();
        for (int m = 0; m < _members.Length; m++)
        {
            ArgumentNullException.ThrowIfNull(_members[m], nameof(members));
            foreach (var p in _members[m].Parameters())
            {
                dtypes.Add(p.dtype);
                if (!seen.TryAdd(p.Handle, m))
                {
                    throw new ArgumentException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Member {m} shares a parameter tensor with member {seen[p.Handle]}; committee members must be independent."), nameof(members));
                }
            }

            if (_members[m] is nn.Module module)
            {
                register_module(string.Create(CultureInfo.InvariantCulture, $"member{m}"), module);
            }
        }

        if (dtypes.Count > 1)
        {
            throw new ArgumentException($"Members have parameters of different dtypes ({string.Join(", ", dtypes)}).", nameof(members));
        }

        DType = dtypes.Count == 1 ? dtypes.First() : ScalarType.Float32;
    }

    /// <inheritdoc />
    public int MemberCount => _members.Length;

    /// <inheritdoc />
    public ScalarType DType { get; }

    /// <summary>The members, in order.</summary>
    public IReadOnlyList<IEnergyModel> Members => _members;

    /// <inheritdoc />
    public Tensor MemberEnergies(AtomBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return stack(_members.Select(e => e.Energies(batch)));
    }

    /// <inheritdoc />
    public Tensor MemberEnergies(AtomBatch batch, Tensor memberPositions)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(memberPositions);
        var original = batch.Positions;
        var rows = new Tensor[_members.Length];
        try
        {
            for (int m = 0; m < _members.Length; m++)
            {
                batch.WithPositions(memberPositions[m]);
                rows[m] = _members[m].Energies(batch);
            }
        }
        finally
        {
            batch.WithPositions(original);
        }

        return stack(rows);
    }

    /// <inheritdoc />
    public IReadOnlyList<CommitteeParameter> ParameterOwnership()
        => [.. _members.SelectMany((e, m) => e.Parameters().Select(p => new CommitteeParameter(p, m)))];

    /// <inheritdoc />
    public IEnumerable<Parameter> Parameters() => _members.SelectMany(e => e.Parameters());

    /// <inheritdoc />
    public void SetTrainable(bool trainable)
    {
        foreach (var p in Parameters())
        {
            p.requires_grad = trainable;
        }
    }

    /// <inheritdoc />
    public void FitNormalization(Dataset training)
    {
        foreach (var e in _members)
        {
            e.FitNormalization(training);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var e in _members)
            {
                if (e is not nn.Module && e is IDisposable d)
                {
                    d.Dispose();
                }
            }
        }

        base.Dispose(disposing);
    }
}
