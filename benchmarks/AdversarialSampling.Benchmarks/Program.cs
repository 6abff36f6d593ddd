using BenchmarkDotNet.Running;

namespace AdversarialSampling.Benchmarks;

/// <summary>
/// Entry point. <c>--timing attack …</c> (see <see cref="TimingMode"/>), <c>--timing train …</c> (see
/// <see cref="TrainingTimingMode"/>), <c>--memory</c> (see <see cref="MemoryMode"/>), <c>--memory-committee</c>
/// (see <see cref="CommitteeMemoryMode"/>), <c>--measure-defaults</c> (see <see cref="DefaultsMeasurement"/>), <c>--nh3-attack-report</c> (see
/// <see cref="AmmoniaAttackReport"/>); anything else
/// goes to BenchmarkDotNet (e.g. <c>--filter *AttackBenchmarks*</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--timing" && args[1] == "attack")
        {
            return TimingMode.Run(args[2..]);
        }

        if (args.Length >= 2 && args[0] == "--timing" && args[1] == "train")
        {
            return TrainingTimingMode.Run(args[2..]);
        }

        if (args.Length >= 1 && args[0] == "--memory-committee")
        {
            return CommitteeMemoryMode.Run(args[1..]);
        }

        if (args.Length >= 1 && args[0] == "--memory")
        {
            return MemoryMode.Run(args[1..]);
        }

        if (args.Length >= 1 && args[0] == "--nh3-attack-report")
        {
            return AmmoniaAttackReport.Run(args[1..]);
        }

        if (args.Length >= 1 && args[0] == "--measure-defaults")
        {
            return DefaultsMeasurement.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
