using AdversarialSampling.Potentials;
using AdversarialSampling.Samples.DoubleWell;

namespace AdversarialSampling.Tests.Samples;

public class DoubleWellGridTests
{
    private static readonly DoubleWellGrid Grid = new();

    private static (double[] E, double[] Fx, double[] Fy) Truth(DoubleWellGrid grid)
    {
        var e = new double[grid.Count];
        var fx = new double[grid.Count];
        var fy = new double[grid.Count];
        for (int k = 0; k < grid.Count; k++)
        {
            double x = grid.Axis[k / grid.Size], y = grid.Axis[k % grid.Size];
            e[k] = DoubleWell2D.Energy(x, y);
            (fx[k], fy[k]) = DoubleWell2D.Gradient(x, y);
            fx[k] = -fx[k];
            fy[k] = -fy[k];
        }

        return (e, fx, fy);
    }

    [Fact]
    public void Constructor_Default_Spans100By100PointsOverTheReferenceBoxWithTheLowRegionAbout61Percent()
    {
        Assert.Equal(10_000, Grid.Count);
        Assert.Equal(-1.2, Grid.Axis[0], 12);
        Assert.Equal(1.2, Grid.Axis[^1], 12);
        Assert.Equal(2.4 / 99, Grid.Axis[1] - Grid.Axis[0], 12);

        // E ≤ 1 covers 60.9% of the square (Monte Carlo, 10⁶ points); the grid (59.5%) agrees within 2%.
        Assert.InRange(Grid.LowCount, 5890, 6290);
        Assert.Equal(Enumerable.Range(0, Grid.Count).Count(k => Grid.TrueEnergy(k) <= 1), Grid.LowCount);
    }

    [Fact]
    public void Evaluate_ExactPrediction_GivesZeroErrors()
    {
        var (e, fx, fy) = Truth(Grid);
        var errors = Grid.Evaluate(e, fx, fy);
        Assert.Equal(new GridErrors(0, 0, 0, 0), errors);
    }

    [Fact]
    public void Evaluate_ConstantEnergyOffset_IsTheEnergyRmseOnBothRegions()
    {
        var (e, fx, fy) = Truth(Grid);
        var errors = Grid.Evaluate([.. e.Select(v => v + 0.25)], fx, fy);
        Assert.Equal(0.25, errors.EnergyRmseLow, 12);
        Assert.Equal(0.25, errors.EnergyRmseGrid, 12);
        Assert.Equal(0, errors.ForceRmseLow);
    }

    [Fact]
    public void Evaluate_ErrorInOneForceComponent_IsAveragedOverBothComponents()
    {
        var (e, fx, fy) = Truth(Grid);
        var errors = Grid.Evaluate(e, [.. fx.Select(v => v + 1)], fy);
        Assert.Equal(Math.Sqrt(0.5), errors.ForceRmseLow, 12);
        Assert.Equal(Math.Sqrt(0.5), errors.ForceRmseGrid, 12);
        Assert.Equal(0, errors.EnergyRmseGrid);
    }

    [Fact]
    public void Evaluate_ErrorsOnlyAboveTheLimit_LeaveTheLowRegionExact()
    {
        var (e, fx, fy) = Truth(Grid);
        var wrong = e.Select((v, k) => Grid.TrueEnergy(k) > DoubleWellGrid.LowEnergyLimit ? v + 2 : v).ToArray();
        var errors = Grid.Evaluate(wrong, fx, fy);
        Assert.Equal(0, errors.EnergyRmseLow);
        double highFraction = (Grid.Count - Grid.LowCount) / (double)Grid.Count;
        Assert.Equal(2 * Math.Sqrt(highFraction), errors.EnergyRmseGrid, 12);
    }

    [Fact]
    public void Evaluate_WrongNumberOfValues_ThrowsNamingTheList()
    {
        var (e, fx, fy) = Truth(Grid);
        var error = Assert.Throws<ArgumentException>(() => Grid.Evaluate(e, fx, fy[..10]));
        Assert.Equal("forcesY", error.ParamName);
    }

    [Fact]
    public void Structures_AreXMajorParticlesWithZFrozen()
    {
        var grid = new DoubleWellGrid(3, 1);
        var structures = grid.Structures();
        Assert.Equal(9, structures.Count);
        Assert.Equal([-1.0, 0.0, 0.0], structures[1].Positions.ToArray());
        Assert.Equal([0.0, -1.0, 0.0], structures[3].Positions.ToArray());
        Assert.All(structures, s => Assert.True(s.FrozenMask()[2]));
    }
}
