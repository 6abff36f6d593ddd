using TorchSharp;

namespace AdversarialSampling.Tests.Models;

public class TorchSharpLoadTests
{
    [Fact]
    public void Torch_NativeLibrariesLoad_OnThisPlatform()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.ones(3, 3) * 2;
        Assert.Equal(18f, t.sum().item<float>());
    }
}
