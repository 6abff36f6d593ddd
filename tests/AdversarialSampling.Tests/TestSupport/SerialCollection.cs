namespace AdversarialSampling.Tests.TestSupport;

/// <summary>Tests that read process-wide counters (live tensors) run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide counters)";
}
