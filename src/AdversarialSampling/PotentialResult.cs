using System.Collections.Immutable;
using System.Globalization;

namespace AdversarialSampling;

/// <summary>Energy and forces of one structure as computed by an <see cref="IPotential"/>.</summary>
public sealed class PotentialResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="energy">Total energy (eV).</param>
    /// <param name="forces">Forces, flat row-major N×3 (eV/Å).</param>
    /// <param name="stress">Optional stress, 3×3 row-major (eV/Å³).</param>
    public PotentialResult(double energy, IReadOnlyList<double> forces, IReadOnlyList<double>? stress = null)
    {
        ArgumentNullException.ThrowIfNull(forces);
        Energy = energy;
        Forces = [.. forces];
        Stress = stress is null ? [] : [.. stress];
    }

    /// <summary>Total energy (eV).</summary>
    public double Energy { get; }

    /// <summary>Forces, flat row-major N×3 (eV/Å).</summary>
    public ImmutableArray<double> Forces { get; }

    /// <summary>Stress, 3×3 row-major (eV/Å³); empty when not computed.</summary>
    public ImmutableArray<double> Stress { get; }

    /// <summary>True if the energy and every force component are finite.</summary>
    public bool IsFinite => double.IsFinite(Energy) && Forces.All(double.IsFinite);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"E = {Energy:G8} eV, {Forces.Length / 3} atoms");
}
