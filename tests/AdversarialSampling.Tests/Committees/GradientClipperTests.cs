using AdversarialSampling.Committees;
using AdversarialSampling.Models;
using static TorchSharp.torch;

namespace AdversarialSampling.Tests.Committees;

public class GradientClipperTests
{
    [Theory]
    [InlineData(MemberEvaluation.Stacked)]
    [InlineData(MemberEvaluation.PerMember)]
    public void ClipPerMember_ScalesOnlyMembersAboveTheBoundToIt(MemberEvaluation evaluation)
    {
        using var model = new MlpSpec { AtomCount = 1, Width = 4, Depth = 2, Evaluation = evaluation }.Create(3, seed: 0, ScalarType.Float64);
        var ownership = model.ParameterOwnership()!;
        using var scope = NewDisposeScope();
        double[] scales = [10, 0.01, 3];
        foreach (var p in ownership)
        {
            var g = ones_like(p.Parameter);
            if (p.IsStacked)
            {
                for (int m = 0; m < 3; m++)
                {
                    g[m].mul_(scales[m]);
                }
            }
            else
            {
                g.mul_(scales[p.Member!.Value]);
            }

            p.Parameter.grad = g;
        }

        double[] Norms() => [.. Enumerable.Range(0, 3).Select(m => Math.Sqrt(ownership.Sum(p =>
        {
            var g = p.IsStacked ? p.Parameter.grad![m] : p.Member == m ? p.Parameter.grad! : zeros(1, ScalarType.Float64);
            return g.square().sum().item<double>();
        })))];
        var before = Norms();
        GradientClipper.ClipPerMember(ownership, 3, maxNorm: 1.0);
        var after = Norms();
        Assert.Equal(1.0, after[0], 5);
        Assert.Equal(before[1], after[1], 12);
        Assert.Equal(1.0, after[2], 5);
        Assert.True(before[0] > 1 && before[2] > 1 && before[1] < 1);
    }
}
