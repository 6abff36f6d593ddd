namespace AdversarialSampling.Attacks;

/// <summary>One accepted state of a gradient-attack trajectory (recorded when <see cref="GradientAttackOptions.RecordTrace"/> is set).</summary>
/// <param name="Step">Optimizer steps taken before this state (0 = the random start δ₀).</param>
/// <param name="LogObjective">Log objective (dimensionless).</param>
/// <param name="Uncertainty">Uncertainty (metric unit, e.g. eV²/Å²).</param>
/// <param name="PredictedEnergy">Committee-mean predicted energy (eV, total).</param>
public sealed record AttackTraceStep(int Step, double LogObjective, double Uncertainty, double PredictedEnergy);
