using AdversarialSampling.Loop;
using AdversarialSampling.Potentials;
using AdversarialSampling.Selection;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Tests.Loop;

/// <summary>
/// <see cref="SeedPolicy.ReplicatedTraining"/>: every training structure seeds as often as it is replicated in training
/// (the paper code's seeding), against <see cref="SeedPolicy.AllTraining"/> (each once).
/// </summary>
[Collection(TestSupport.SerialCollection.Name)]
public sealed class LoopSeedPolicyTests() : RecordingLoopTests("loop-seeds-")
{
    private async Task<(FixedPointsAttack Attack, ActiveLearningLoop Loop)> Run(SeedPolicy policy, int replicationWeight, string name)
    {
        var attack = new FixedPointsAttack((-0.5, 0.1), (-0.6, -0.2));
        var loop = ActiveLearningLoop.CreateBuilder()
            .WithCommittee(seed => new RecordingCommittee(seed))
            .WithOracle(new DoubleWell2D())
            .WithInitialData(DoubleWell2D.InitialTrainingSet(points: 100, seed: 1))
            .AddExplorer(attack)
            .WithSeedPolicy(policy)
            .WithRetraining(new RetrainingOptions { ReplicationWeight = replicationWeight })
            .WithSelection(new SelectionOptions { Cap = null, Percentile = 0, DistanceToTraining = null, DistanceBetweenCandidates = 0, RmsdMode = RmsdMode.Plain })
            .WithGenerations(2)
            .WithRunDirectory(Path.Combine(Root, name))
            .Build();
        await Collect(loop.RunAsync());
        return (attack, loop);
    }

    private static int CountAt(IReadOnlyList<AtomicStructure> seeds, double x, double y)
        => seeds.Count(s => s.Positions[0] == x && s.Positions[1] == y);

    [Fact]
    public async Task RunAsync_ReplicatedTraining_SeedsEachNewLabelReplicationWeightTimesAndInitialDataOnce()
    {
        var (attack, loop) = await Run(SeedPolicy.ReplicatedTraining, replicationWeight: 3, "replicated");
        var (plain, _) = await Run(SeedPolicy.AllTraining, replicationWeight: 3, "all");

        Assert.Equal(2, attack.Calls.Count);
        Assert.Equal(plain.Calls[0].Count, attack.Calls[0].Count); // generation 1: initial data only, each once
        // Generation 2: the two labels of generation 1 are in training 3 times each, so they seed 3 times each.
        Assert.Equal(3, CountAt(attack.Calls[1], -0.5, 0.1));
        Assert.Equal(3, CountAt(attack.Calls[1], -0.6, -0.2));
        Assert.Equal(1, CountAt(plain.Calls[1], -0.5, 0.1));
        Assert.Equal(plain.Calls[1].Count + (2 * 2), attack.Calls[1].Count);
        Assert.Equal(loop.ReadReports()[1].TrainingSize, attack.Calls[1].Count); // generation 2 seeds from generation 1's replicated training set
        Assert.Contains("ReplicatedTraining", loop.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void PickSeeds_ReplicatedTraining_RepeatsEachIndexItsReplicationInOrder()
    {
        Assert.Equal([0, 1, 1, 1, 2], LoopMath.PickSeeds(SeedPolicy.ReplicatedTraining, [0.0, 1.0, 2.0], [1, 3, 1], seed: 5).ToArray());
        Assert.Equal([0, 1, 2], LoopMath.PickSeeds(SeedPolicy.AllTraining, [0.0, 1.0, 2.0], [1, 3, 1], seed: 5).ToArray());
        Assert.Equal([0], LoopMath.PickSeeds(SeedPolicy.LowestEnergy(1), [0.0, 1.0, 2.0], [1, 3, 1], seed: 5).ToArray());
    }

    [Fact]
    public void PickSeeds_ReplicationCountsOfAnotherLength_Throw()
    {
        var error = Assert.Throws<ArgumentException>(() => LoopMath.PickSeeds(SeedPolicy.ReplicatedTraining, [0.0, 1.0], [1], seed: 0));
        Assert.StartsWith("1 replication counts for 2 training structures.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicatedTraining_NeedsNoCountAndPrintsItsName()
    {
        Assert.Empty(SeedPolicy.ReplicatedTraining.Validate());
        Assert.Equal("ReplicatedTraining", SeedPolicy.ReplicatedTraining.ToString());
        Assert.Equal("AllTraining", SeedPolicy.AllTraining.ToString());
        Assert.Equal("LowestEnergy(20)", SeedPolicy.LowestEnergy(20).ToString());
    }
}
