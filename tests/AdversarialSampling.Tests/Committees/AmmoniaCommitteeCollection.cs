namespace AdversarialSampling.Tests.Committees;

/// <summary>Tests sharing one trained <see cref="AmmoniaCommittee"/> (they run one after another).</summary>
[CollectionDefinition(AmmoniaCommittee.Collection)]
public sealed class AmmoniaCommitteeCollection : ICollectionFixture<AmmoniaCommittee>
{
}
