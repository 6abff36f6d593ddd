using System.Collections.Immutable;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Dynamics;

/// <summary>One finite state of an MD run: structure, velocities (Å/fs), potential energy (eV) and forces (eV/Å).</summary>
internal sealed record MdState(int Step, AtomicStructure Structure, double[] Velocities, double Energy, ImmutableArray<double> Forces, MdFrame Frame);
