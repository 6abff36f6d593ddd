using AdversarialSampling.Loop;
using AdversarialSampling.Potentials;
using AdversarialSampling.TestHost;

namespace AdversarialSampling.Tests.Loop;

/// <summary>The tiny double-well loop of the loop tests (the same as the test host's "loop" command).</summary>
internal static class LoopTestKit
{
    public static ActiveLearningLoopBuilder TinyDoubleWell(string runDirectory, IOracle? oracle = null, int generations = 2, int seed = 3)
        => TinyLoop.Builder(runDirectory, oracle ?? new DoubleWell2D(), generations, seed);
}
