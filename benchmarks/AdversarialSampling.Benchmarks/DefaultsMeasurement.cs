namespace AdversarialSampling.Benchmarks;

internal static class DefaultsMeasurement
{
    public static int Run(string[] args) => 0;
}
