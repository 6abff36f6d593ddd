using AdversarialSampling.Models;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>A detached copy of a committee's parameters, whole or member by member.</summary>
internal sealed class ParameterSnapshot : IDisposable
{
    private readonly IReadOnlyList<CommitteeParameter> _parameters;
    private readonly Tensor[] _copies;

    /// <summary>Copies the current values.</summary>
    /// <param name="parameters">The parameters and their owners.</param>
    public ParameterSnapshot(IReadOnlyList<CommitteeParameter> parameters)
    {
        _parameters = parameters;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _copies = [.. parameters.Select(p => p.Parameter.detach().clone().DetachFromDisposeScope())];
    }

    /// <summary>Copies every current value into the snapshot.</summary>
    public void Capture()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _copies.Length; i++)
        {
            _copies[i].copy_(_parameters[i].Parameter);
        }
    }

    /// <summary>Copies member <paramref name="member"/>'s current values into the snapshot (its slice of stacked parameters, its own parameters).</summary>
    /// <param name="member">Member index.</param>
    public void CaptureMember(int member)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < _copies.Length; i++)
        {
            var p = _parameters[i];
            if (p.IsStacked)
            {
                _copies[i][member].copy_(p.Parameter[member]);
            }
            else if (p.Member == member)
            {
                _copies[i].copy_(p.Parameter);
            }
        }
    }

    /// <summary>Writes the snapshot back into the parameters.</summary>
    public void Restore()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _copies.Length; i++)
        {
            _parameters[i].Parameter.copy_(_copies[i]);
        }
    }

    /// <summary>Copy <paramref name="index"/>'s raw values (row-major), for a training state.</summary>
    public byte[] BytesOf(int index) => TrainingState.BytesOf(_copies[index]);

    /// <summary>Sets copy <paramref name="index"/> from raw values (row-major), from a training state.</summary>
    public void Load(int index, byte[] values) => TrainingState.CopyInto(_copies[index], values);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var c in _copies)
        {
            c.Dispose();
        }
    }
}
