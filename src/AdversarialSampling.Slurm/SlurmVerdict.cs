using AdversarialSampling.Oracles;

namespace AdversarialSampling.Slurm;

/// <summary>A decision of <see cref="SlurmJobClassifier.Decide"/>: what to do and, for <see cref="SlurmVerdictKind.Fail"/>, the failure.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Failure">The failure when <paramref name="Kind"/> is <see cref="SlurmVerdictKind.Fail"/>; otherwise null.</param>
internal sealed record SlurmVerdict(SlurmVerdictKind Kind, OracleFailure? Failure = null);
