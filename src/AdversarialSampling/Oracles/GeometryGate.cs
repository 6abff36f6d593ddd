using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Oracles;

/// <summary>
/// The check a geometry must pass before an oracle is paid to label it: at least one atom, finite positions and
/// cell, and no two atoms closer than <c>max(CovalentFactor × (r_cov,i + r_cov,j), MinimumDistance)</c>
/// (covalent radii from <see cref="Elements.CovalentRadius"/>, minimum image along periodic axes). A one-atom
/// structure (the toy surfaces) always passes the distance rule. Distances to an atom's own periodic images are
/// not checked. Immutable; O(N²) per structure.
/// </summary>
public sealed class GeometryGate
{
    /// <summary>Default <see cref="CovalentFactor"/> (0.5).</summary>
    public const double DefaultCovalentFactor = 0.5;

    private readonly double _covalentFactor = DefaultCovalentFactor;
    private readonly double _minimumDistance;

    /// <summary>
    /// Fraction of the sum of covalent radii below which a pair is rejected (dimensionless, ≥ 0); default 0.5.
    /// For N–H (0.71 + 0.31 Å) that is 0.51 Å. Zero disables the rule.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or non-finite.</exception>
    public double CovalentFactor
    {
        get => _covalentFactor;
        init => _covalentFactor = NonNegative(value, nameof(CovalentFactor));
    }

    /// <summary>Absolute minimum interatomic distance (Å, ≥ 0) applied to every pair; default 0 (off).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or non-finite.</exception>
    public double MinimumDistance
    {
        get => _minimumDistance;
        init => _minimumDistance = NonNegative(value, nameof(MinimumDistance));
    }

    /// <summary>Checks a structure.</summary>
    /// <param name="structure">The structure (Å).</param>
    /// <returns>
    /// Null if it may be labelled, otherwise a <see cref="OracleFailureKind.GeometryRejected"/> failure whose
    /// message names the closest offending pair (indices, elements, distance and allowed minimum in Å).
    /// </returns>
    public OracleFailure? Check(AtomicStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (structure.AtomCount == 0)
        {
            return Reject("the structure has no atoms");
        }

        for (int k = 0; k < structure.Positions.Length; k++)
        {
            if (!double.IsFinite(structure.Positions[k]))
            {
                return Reject(string.Create(CultureInfo.InvariantCulture, $"position of atom {k / 3} is not finite"));
            }
        }

        if (structure.Cell is { } cell && cell.Vectors.Any(v => !double.IsFinite(v)))
        {
            return Reject("the cell is not finite");
        }

        double worstRatio = double.PositiveInfinity;
        (int I, int J, double Distance, double Limit) worst = default;
        for (int i = 0; i < structure.AtomCount; i++)
        {
            double ri = Elements.CovalentRadius(structure.AtomicNumbers[i]);
            for (int j = i + 1; j < structure.AtomCount; j++)
            {
                double limit = Math.Max(CovalentFactor * (ri + Elements.CovalentRadius(structure.AtomicNumbers[j])), MinimumDistance);
                double d = structure.Distance(i, j);
                if (d < limit && d / limit < worstRatio)
                {
                    worstRatio = d / limit;
                    worst = (i, j, d, limit);
                }
            }
        }

        if (double.IsPositiveInfinity(worstRatio))
        {
            return null;
        }

        var (a, b, distance, minimum) = worst;
        string za = Elements.Symbol(structure.AtomicNumbers[a]), zb = Elements.Symbol(structure.AtomicNumbers[b]);
        return Reject(string.Create(
            CultureInfo.InvariantCulture,
            $"atoms {a} ({za}) and {b} ({zb}) are {distance:0.####} Å apart, below the allowed minimum {minimum:0.####} Å (max of {CovalentFactor:0.###} × ({Elements.CovalentRadius(structure.AtomicNumbers[a]):0.###} + {Elements.CovalentRadius(structure.AtomicNumbers[b]):0.###}) Å covalent radii and {MinimumDistance:0.####} Å)"));
    }

    private static OracleFailure Reject(string why) => new(OracleFailureKind.GeometryRejected, "Geometry gate: " + why + ".");

    private static double NonNegative(double value, string name)
        => double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and ≥ 0.");
}
