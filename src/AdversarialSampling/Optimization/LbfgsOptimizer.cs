namespace AdversarialSampling.Optimization;

/// <summary>
/// The limited-memory BFGS optimiser as in ASE (no line search): few evaluations near a minimum, the better choice
/// for tight convergence with an expensive potential. See <see cref="LbfgsOptions"/>.
/// </summary>
public sealed class LbfgsOptimizer : StructureOptimizer
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public LbfgsOptimizer(LbfgsOptions? options = null)
        : base(options ?? new LbfgsOptions())
    {
        Options = (LbfgsOptions)BaseOptions;
    }

    /// <summary>The options.</summary>
    public LbfgsOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "L-BFGS";

    private protected override IStepRule CreateStepRule() => new LbfgsStepRule(Options);
}
