using AdversarialSampling.Attacks;
using AdversarialSampling.Tests.TestSupport;
using static AdversarialSampling.Tests.Attacks.AttackTestKit;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Attacks;

[Collection(SerialCollection.Name)]
public class AttackMemoryTests
{
    [Fact]
    public void Attack_Repeated_LeavesNoLiveTensors()
    {
        using var model = TriatomicCommittee(ScalarType.Float32);
        var seeds = CrowdedTriatomicSeeds(4);
        var options = PlaneOptions(steps: 12) with
        {
            Starts = 2,
            RecordTrace = true,
            Result = AttackResultGeometry.Best,
            BatchSize = 3,
            Bounds = new AttackBounds { Epsilon = 0.5, MaxAtomDisplacement = 0.4, MinDistanceFactor = 1.0, EnergyCeiling = 5, Box = new AttackBox(-3, 3, -3, 3, -3, 3) },
        };
        var attack = new GradientAttack(options);
        var baseline = new RandomDisplacement(new RandomDisplacementOptions { Objective = options.Objective, Bounds = options.Bounds });
        attack.Attack(model, seeds, new AttackContext(TriatomicTraining()));
        baseline.Attack(model, seeds, new AttackContext(TriatomicTraining()));
        long before = TensorTestHelpers.LiveTensorsWithoutGarbage();
        for (int i = 0; i < 3; i++)
        {
            attack.Attack(model, seeds, new AttackContext(TriatomicTraining(), i));
            baseline.Attack(model, seeds, new AttackContext(TriatomicTraining(), i));
        }

        Assert.Equal(before, Tensor.TotalCount);
    }
}
