using AdversarialSampling.Potentials;
using AdversarialSampling.Runs;
using AdversarialSampling.Structures;

namespace AdversarialSampling.TestHost;

/// <summary>The deterministic labelling batch of the crash tests, shared by the child process and the tests.</summary>
public static class CrashScenario
{
    /// <summary>The ground-truth oracle: Lennard-Jones argon (ε = 0.0104 eV, σ = 3.4 Å).</summary>
    public static LennardJones Oracle() => new(0.0104, 3.4);

    /// <summary>N distinct argon trimers (3.4–4.5 Å apart), each with a provenance entry.</summary>
    public static IReadOnlyList<LabelRequest> Requests(int n)
        => [.. Enumerable.Range(0, n).Select(i =>
        {
            double d = 3.4 + 0.1 * i;
            var structure = new AtomicStructure([18, 18, 18], [0, 0, 0, d, 0, 0, 0.5 * d, 0.8 * d, 0.05 * i]);
            return new LabelRequest(structure, new Dictionary<string, object> { ["seed_index"] = (long)i });
        })];
}
