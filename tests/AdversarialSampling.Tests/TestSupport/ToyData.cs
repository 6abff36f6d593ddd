using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.TestSupport;

/// <summary>Small deterministic data sets for model and committee tests.</summary>
internal static class ToyData
{
    /// <summary>2D double well E = 10x⁴ − 10x² + 2x + 4y⁴ (method.md §4).</summary>
    public static double DoubleWellEnergy(double x, double y) => (10 * Math.Pow(x, 4)) - (10 * x * x) + (2 * x) + (4 * Math.Pow(y, 4));

    /// <summary>Forces −∇E of the 2D double well (x, y; z is 0).</summary>
    public static (double Fx, double Fy) DoubleWellForces(double x, double y) => (-((40 * x * x * x) - (20 * x) + 2), -(16 * y * y * y));

    /// <summary>A one-atom structure at (x, y, 0).</summary>
    public static AtomicStructure Point(double x, double y) => new([1], [x, y, 0]);

    /// <summary>A labelled double-well point.</summary>
    public static LabelledSample DoubleWellSample(double x, double y)
    {
        var (fx, fy) = DoubleWellForces(x, y);
        return new LabelledSample(Point(x, y), DoubleWellEnergy(x, y), [fx, fy, 0]);
    }

    /// <summary>The paper's training set: 800 uniform points in [−1.2, 1.2]² (System.Random(0)), kept where E &lt; −2 (left basin).</summary>
    public static Dataset LeftBasin()
    {
        var rng = new Random(0);
        var samples = new List<LabelledSample>();
        for (int i = 0; i < 800; i++)
        {
            double x = (rng.NextDouble() * 2.4) - 1.2;
            double y = (rng.NextDouble() * 2.4) - 1.2;
            if (DoubleWellEnergy(x, y) < -2)
            {
                samples.Add(DoubleWellSample(x, y));
            }
        }

        return new Dataset(samples);
    }

    /// <summary>Random points of the double well in a box, seeded.</summary>
    public static Dataset UniformDoubleWell(int count, int seed, double xMin = -1.2, double xMax = 1.2, double yMin = -1.2, double yMax = 1.2)
    {
        var rng = new Random(seed);
        return new Dataset(Enumerable.Range(0, count).Select(_ => DoubleWellSample(
            xMin + (rng.NextDouble() * (xMax - xMin)),
            yMin + (rng.NextDouble() * (yMax - yMin)))));
    }

    /// <summary>Random structures of <paramref name="atoms"/> hydrogen atoms in a 2 Å box, seeded.</summary>
    public static List<AtomicStructure> RandomStructures(int count, int atoms, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => new AtomicStructure(
            Enumerable.Repeat(1, atoms).ToArray(),
            Enumerable.Range(0, 3 * atoms).Select(_ => (rng.NextDouble() * 2) - 1).ToArray()))];
    }
}
