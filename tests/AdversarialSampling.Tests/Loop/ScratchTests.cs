using AdversarialSampling.Loop;
using Xunit.Abstractions;

namespace AdversarialSampling.Tests.Loop;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Scratch()
    {
        string dir = Path.Combine(Path.GetTempPath(), "loop-scratch-" + Guid.NewGuid().ToString("N"));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var loop = LoopTestKit.TinyDoubleWell(dir).Build();
        await foreach (var r in loop.RunAsync())
        {
            output.WriteLine($"{sw.Elapsed.TotalSeconds:F1}s {r.ToJson()}");
        }
    }
}
