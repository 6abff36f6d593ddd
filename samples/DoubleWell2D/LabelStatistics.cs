using AdversarialSampling.Structures;

namespace AdversarialSampling.Samples.DoubleWell;

/// <summary>
/// What the labels a loop acquired look like: how many, their mean and largest true energy, how many lie in
/// the right-hand (shallow) basin and how many outside the reference box [−1.2, 1.2]².
/// </summary>
/// <param name="Count">Number of labels.</param>
/// <param name="MeanEnergy">Mean true energy (eV); NaN without labels.</param>
/// <param name="MaxEnergy">Largest true energy (eV); NaN without labels.</param>
/// <param name="InRightBasin">Labels in the right-hand basin (<see cref="IsInRightBasin"/>).</param>
/// <param name="OutsideBox">Labels with |x| or |y| above 1.2 Å.</param>
public sealed record LabelStatistics(int Count, double MeanEnergy, double MaxEnergy, int InRightBasin, int OutsideBox)
{
    /// <summary>x of the saddle between the wells (Å): 40x³ − 20x + 2 = 0 at x ≈ 0.10213; the basins split there for every y.</summary>
    public const double SaddleX = 0.10213057761649974;

    /// <summary>Energy of the saddle (eV), ≈ 0.10104.</summary>
    public const double SaddleEnergy = 0.10104259200335022;

    /// <summary>No labels.</summary>
    public static LabelStatistics None { get; } = new(0, double.NaN, double.NaN, 0, 0);

    /// <summary>True when a point lies in the right-hand basin: past the saddle (x &gt; <see cref="SaddleX"/>) and below the saddle energy.</summary>
    /// <param name="x">x (Å).</param>
    /// <param name="y">y (Å).</param>
    /// <returns>Whether the point is in the right-hand basin.</returns>
    public static bool IsInRightBasin(double x, double y) => x > SaddleX && Potentials.DoubleWell2D.Energy(x, y) <= SaddleEnergy;

    /// <summary>Statistics of labelled particles (the true energy is recomputed from x and y, not read from the label).</summary>
    /// <param name="labels">Labelled one-particle samples.</param>
    /// <returns>The statistics.</returns>
    public static LabelStatistics Of(IEnumerable<LabelledSample> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var points = labels.Select(l => (X: l.Structure.Positions[0], Y: l.Structure.Positions[1])).ToList();
        if (points.Count == 0)
        {
            return None;
        }

        var energies = points.Select(p => Potentials.DoubleWell2D.Energy(p.X, p.Y)).ToList();
        double box = Potentials.DoubleWell2D.TrainingRange;
        return new LabelStatistics(
            points.Count,
            energies.Average(),
            energies.Max(),
            points.Count(p => IsInRightBasin(p.X, p.Y)),
            points.Count(p => Math.Abs(p.X) > box || Math.Abs(p.Y) > box));
    }
}
