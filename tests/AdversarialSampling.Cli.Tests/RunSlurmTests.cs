using System.Text.Json.Nodes;
using AdversarialSampling.IO;
using AdversarialSampling.Runs;
using AdversarialSampling.Slurm.Tests;
using AdversarialSampling.Structures;
using AdversarialSampling.Xtb;

namespace AdversarialSampling.Cli.Tests;

/// <summary>
/// <c>run</c> with <c>"scheduler": {"type": "slurm"}</c> on the real one-node test cluster (tests/slurm/slurm-up.sh,
/// brought up by tests/run-tests.sh): a tiny NH3 loop labelled by xtb through SLURM gives the same data set as the same
/// loop labelled by local xtb calls.
/// </summary>
[Collection("Cli")]
[Trait("Category", "Slurm")]
public class RunSlurmTests
{
    [SlurmFact]
    public async Task Run_XtbThroughSlurm_GivesTheSameDatasetAsLocalXtb()
    {
        string work = CliRunner.TempDirectory();

        // Initial data: 16 sub-barrier NH3 geometries relabelled by local xtb, so oracle and data agree.
        var oracle = new XtbOracle(new XtbOptions { Threads = 1 });
        var frames = ExtendedXyzReader.ReadSamples(Path.Combine(AppContext.BaseDirectory, "TestData", "ammonia-bp86.extxyz")).Take(16).ToList();
        var labelled = new List<LabelledSample>();
        foreach (var frame in frames)
        {
            var outcome = await oracle.LabelAsync(frame.Structure);
            Assert.True(outcome.IsSuccess, outcome.ToString());
            labelled.Add(outcome.Sample!);
        }

        ExtendedXyzWriter.WriteSamples(Path.Combine(work, "initial.extxyz"), labelled);
        string local = WriteConfig(work, "local", scheduler: null);
        string slurm = WriteConfig(work, "slurm", scheduler: new JsonObject
        {
            ["type"] = "slurm",
            ["workRoot"] = "jobs",
            ["timeLimitMinutes"] = 5,
            ["pollIntervalSeconds"] = 0.5,
        });

        var a = CliRunner.Run("run", local, "--no-progress");
        Assert.True(a.ExitCode == 0, a.Stderr);
        var b = CliRunner.Run("run", slurm, "--no-progress");
        Assert.True(b.ExitCode == 0, b.Stderr);

        var fromLocal = ExtendedXyzReader.ReadSamples(Path.Combine(work, "local", "generations", "gen-001", "dataset.extxyz")).ToList();
        var fromSlurm = ExtendedXyzReader.ReadSamples(Path.Combine(work, "slurm", "generations", "gen-001", "dataset.extxyz")).ToList();
        Assert.True(fromLocal.Count > labelled.Count, "the loop added no label");
        Assert.Equal(fromLocal.Count, fromSlurm.Count);
        for (int i = 0; i < fromLocal.Count; i++)
        {
            Assert.Equal(fromLocal[i].Structure.Positions.ToArray(), fromSlurm[i].Structure.Positions.ToArray());
            Assert.Equal(fromLocal[i].Energy, fromSlurm[i].Energy);
            Assert.Equal(fromLocal[i].Forces.ToArray(), fromSlurm[i].Forces.ToArray());
        }

        // The SLURM run really went through the queue: every oracle call carries its SLURM job id; the local one's none.
        using (var store = RunStore.Open(Path.Combine(work, "slurm"), RunStoreOpenMode.ReadOnly))
        {
            var calls = store.GetOracleCalls();
            Assert.Equal(fromSlurm.Count - labelled.Count, calls.Count);
            Assert.All(calls, c => Assert.False(string.IsNullOrEmpty(c.ExternalJobId), $"call {c.Key} has no SLURM job id"));
        }

        using (var store = RunStore.Open(Path.Combine(work, "local"), RunStoreOpenMode.ReadOnly))
        {
            Assert.All(store.GetOracleCalls(), c => Assert.Null(c.ExternalJobId));
        }
    }

    private static string WriteConfig(string work, string name, JsonObject? scheduler)
    {
        var oracle = new JsonObject { ["type"] = "xtb", ["threads"] = 1, ["timeoutSeconds"] = 60 };
        if (scheduler is not null)
        {
            oracle["scheduler"] = scheduler;
        }

        var config = new JsonObject
        {
            ["runDirectory"] = name,
            ["seed"] = 3,
            ["generations"] = 1,
            ["threads"] = 1,
            ["initialData"] = new JsonObject { ["path"] = "initial.extxyz" },
            ["committee"] = JsonNode.Parse("""{ "model": { "kind": "schnet", "cutoff": 4.0, "features": 16, "interactions": 1 }, "members": 2, "training": { "epochs": 5, "learningRate": 0.001, "batchSize": 16, "forceWeight": 10 } }"""),
            ["oracle"] = oracle,
            ["temperature"] = JsonNode.Parse("""{ "eV": 0.5 }"""),
            ["explorers"] = JsonNode.Parse("""[{ "type": "random", "displacementStd": 0.15, "starts": 2, "bounds": { "minDistanceFactor": 0.5 } }]"""),
            ["seedPolicy"] = JsonNode.Parse("""{ "kind": "lowestEnergy", "count": 6 }"""),
            ["selection"] = JsonNode.Parse("""{ "cap": 4, "threshold": 0, "rmsd": "kabsch" }"""),
        };
        string path = Path.Combine(work, name + ".json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
