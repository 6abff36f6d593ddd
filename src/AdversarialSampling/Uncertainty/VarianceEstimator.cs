namespace AdversarialSampling.Uncertainty;

/// <summary>Which variance estimator a committee metric uses over its M members.</summary>
public enum VarianceEstimator
{
    /// <summary>
    /// Unbiased (sample) variance, Σ (x_m − x̄)² / (M − 1), as in the reference code (<c>torch.var</c>'s default).
    /// Needs M ≥ 2. The library's default.
    /// </summary>
    Unbiased,

    /// <summary>Population variance, Σ (x_m − x̄)² / M (numpy's <c>var</c> default). Defined for M ≥ 1.</summary>
    Population,
}
