using System.Globalization;

namespace AdversarialSampling.Optimization;

/// <summary>
/// Options of <see cref="NudgedElasticBand"/>. Defaults: 5 intermediate images, spring constant 0.1 eV/Å² (ASE's),
/// climbing image switched on after 50 band steps (or as soon as the plain band converges), FIRE on the band with
/// f_max 0.05 eV/Å, endpoints used as given.
/// </summary>
public sealed record NebOptions
{
    /// <summary>Number of movable images between the endpoints (≥ 1) when the band is interpolated; default 5 (an odd number puts an image on a symmetric saddle).</summary>
    public int Images { get; init; } = 5;

    /// <summary>Spring constant k between neighbouring images (eV/Å², finite, positive); default 0.1 eV/Å².</summary>
    public double SpringConstant { get; init; } = 0.1;

    /// <summary>Use the climbing image (Henkelman, Uberuaga and Jónsson 2000): the highest image feels the true force with its component along the path inverted and no spring, and climbs to the saddle. Default true.</summary>
    public bool ClimbingImage { get; init; } = true;

    /// <summary>Band steps before the climbing image is switched on (≥ 0); default 50. It is switched on earlier if the plain band converges first.</summary>
    public int ClimbAfterSteps { get; init; } = 50;

    /// <summary>FIRE options of the band optimisation (step limit, f_max of the band forces in eV/Å, step size over the whole band); default <see cref="FireOptions"/> defaults.</summary>
    public FireOptions Band { get; init; } = new();

    /// <summary>Optimiser that relaxes both endpoints before the band is built, or null (default) to use them as given.</summary>
    public StructureOptimizer? EndpointOptimizer { get; init; }

    /// <summary>Throws one exception listing every invalid option.</summary>
    /// <exception cref="ArgumentException">At least one option is invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Images < 1)
        {
            problems.Add($"Images must be ≥ 1; got {Images.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(SpringConstant > 0 && double.IsFinite(SpringConstant)))
        {
            problems.Add($"SpringConstant must be finite and positive (eV/Å²); got {SpringConstant.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        if (ClimbAfterSteps < 0)
        {
            problems.Add($"ClimbAfterSteps must be ≥ 0; got {ClimbAfterSteps.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (Band is null)
        {
            problems.Add("Band options must not be null.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid NEB options: " + string.Join(" ", problems));
        }

        Band!.Validate();
    }
}
