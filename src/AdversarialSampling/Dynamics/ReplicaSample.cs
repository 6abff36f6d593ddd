namespace AdversarialSampling.Dynamics;

/// <summary>One sampled step of one replica, handed to the observer of a <see cref="ReplicaDynamics"/> run.</summary>
/// <param name="Replica">Index of the replica in the run's input list.</param>
/// <param name="Step">MD step (1 … Steps; step 0 is the start and is not observed).</param>
/// <param name="Energy">Committee-mean energy (eV).</param>
/// <param name="Uncertainty">Committee uncertainty (unit of the run's metric).</param>
/// <param name="Positions">The replica's live positions (Å, flat N×3): copy them to keep them.</param>
internal readonly record struct ReplicaSample(int Replica, int Step, double Energy, double Uncertainty, double[] Positions);
