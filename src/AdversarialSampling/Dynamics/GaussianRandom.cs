namespace AdversarialSampling.Dynamics;

/// <summary>Standard normal deviates from a seeded <see cref="Random"/> (Box–Muller, both values used).</summary>
internal sealed class GaussianRandom(Random random)
{
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates a generator from a seed (<c>new Random(seed)</c>, deterministic across runs).</summary>
    /// <param name="seed">The seed.</param>
    public GaussianRandom(int seed)
        : this(new Random(seed))
    {
    }

    /// <summary>The next N(0, 1) deviate.</summary>
    /// <returns>A standard normal number.</returns>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u1 = 1 - random.NextDouble(); // (0, 1]
        double u2 = random.NextDouble();
        double r = Math.Sqrt(-2 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        _hasSpare = true;
        return r * Math.Cos(2 * Math.PI * u2);
    }
}
