namespace AdversarialSampling.Optimization;

/// <summary>
/// The FIRE optimiser (Bitzek et al. 2006) as in ASE: robust far from a minimum, slower than L-BFGS close to it.
/// Also drives <see cref="NudgedElasticBand"/>. See <see cref="FireOptions"/>.
/// </summary>
public sealed class FireOptimizer : StructureOptimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public FireOptimizer(FireOptions? options = null)
        : base(options ?? new FireOptions())
    {
        Options = (FireOptions)BaseOptions;
    }

    /// <summary>The options.</summary>
    public FireOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "FIRE";

    private protected override IStepRule CreateStepRule() => new FireStepRule(Options);
}
