using System.Text.Json;

namespace AdversarialSampling.Slurm.Tests;

public sealed class SlurmOptionsTests
{
    [Fact]
    public void Validate_BadValues_NamesEveryProblem()
    {
        var options = new SlurmOptions { WorkRoot = " ", CpusPerTask = 0, MemoryMb = 0, PollInterval = TimeSpan.Zero, JobNamePrefix = "a b", SetupLines = ["a\nb"] };

        var e = Assert.Throws<ArgumentException>(options.Validate);

        foreach (string name in new[] { "WorkRoot", "CpusPerTask", "MemoryMb", "PollInterval", "JobNamePrefix", "SetupLines" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryValue()
    {
        string json = """
            {"WorkRoot":"/scratch/me/run1","Partition":"short","TimeLimit":"01:30:00","CpusPerTask":4,"MemoryMb":4000,
             "ExtraDirectives":["--account=chem"],"SetupLines":["module load xtb"],"PollInterval":"00:00:30"}
            """;

        var options = JsonSerializer.Deserialize<SlurmOptions>(json)!;
        options.Validate();

        Assert.Equal(("/scratch/me/run1", "short", TimeSpan.FromMinutes(90), 4, 4000), (options.WorkRoot, options.Partition, options.TimeLimit!.Value, options.CpusPerTask, options.MemoryMb!.Value));
        Assert.Equal(new[] { "--account=chem" }, options.ExtraDirectives);
        Assert.Equal(new[] { "module load xtb" }, options.SetupLines);
        Assert.Equal(TimeSpan.FromSeconds(30), options.PollInterval);
        var again = JsonSerializer.Deserialize<SlurmOptions>(JsonSerializer.Serialize(options))!;
        Assert.Equal(options.SetupLines, again.SetupLines);
        Assert.Equal(options with { ExtraDirectives = again.ExtraDirectives, SetupLines = again.SetupLines }, again);
    }
}
