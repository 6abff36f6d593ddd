// A consumer of the packed NuGet packages: builds and runs a small active-learning loop on the embedded 2D double
// well, resumes the finished run, checks that the xtb oracle reports a missing executable as a setup error, and that
// the SLURM launcher names every invalid option. Exits 0 only if every check holds; prints what failed otherwise.
using AdversarialSampling.Attacks;
using AdversarialSampling.Committees;
using AdversarialSampling.Loop;
using AdversarialSampling.Models;
using AdversarialSampling.Oracles;
using AdversarialSampling.Potentials;
using AdversarialSampling.Selection;
using AdversarialSampling.Slurm;
using AdversarialSampling.Xtb;

string runDirectory = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), $"consumer-run-{Guid.NewGuid():N}");
var problems = new List<string>();

ActiveLearningLoop Build() => ActiveLearningLoop.CreateBuilder()
    .WithCommittee(new MlpSpec { InputComponents = [0, 1], Width = 16, Depth = 2 },
                   new CommitteeOptions { Members = 3, Seed = 0, Training = new TrainingOptions { Epochs = 10, LearningRate = 1e-2 } })
    .WithOracle(new DoubleWell2D())
    .WithInitialData(DoubleWell2D.InitialTrainingSet(points: 200, maxEnergy: -2, seed: 0))
    .AddExplorer(new GradientAttack(GradientAttackOptions.Paper() with { Steps = 20, LearningRate = 2e-2 }))
    .WithSelection(new SelectionOptions { Cap = 4, RmsdMode = RmsdMode.Plain })
    .WithGenerations(1)
    .WithSeed(0)
    .WithRunDirectory(runDirectory)
    .Build();

var reports = new List<GenerationReport>();
await foreach (GenerationReport report in Build().RunAsync())
{
    reports.Add(report);
    Console.WriteLine($"generation {report.Generation}: +{report.LabelsAdded} labels, dataset {report.DatasetSize}");
}
if (reports.Count != 2) problems.Add($"expected reports for generations 0 and 1, got {reports.Count}");
if (reports.Count == 2 && reports[1].DatasetSize < reports[0].DatasetSize)
    problems.Add("the dataset shrank between generations");
if (!File.Exists(Path.Combine(runDirectory, "generations", "gen-001", "dataset.extxyz")))
    problems.Add("generation 1's extended XYZ export is missing");

// Resuming a finished run pays nothing again and yields no new generation.
int resumed = 0;
await foreach (GenerationReport _ in Build().ResumeAsync()) resumed++;
Console.WriteLine($"resume of the finished run yielded {resumed} new report(s)");
if (resumed != 0) problems.Add($"resuming a finished run yielded {resumed} reports");

// The xtb package: a missing executable is a setup error found before any labelling.
OracleFailure? setup = await new XtbOracle(new XtbOptions { Executable = "/nonexistent/xtb" }).CheckSetupAsync();
Console.WriteLine($"xtb setup check: {setup?.Kind} {setup?.Message}");
if (setup is null || setup.Kind != OracleFailureKind.SetupError || !setup.Message.Contains("/nonexistent/xtb", StringComparison.Ordinal))
    problems.Add("the xtb oracle did not report the missing executable as a setup error naming it");

// The SLURM package: invalid options are all named in one exception, before anything is submitted.
try
{
    _ = new SlurmLauncher(new SlurmOptions { WorkRoot = null, CpusPerTask = 0 });
    problems.Add("SlurmLauncher accepted options without WorkRoot and with CpusPerTask 0");
}
catch (ArgumentException e) when (e.Message.Contains("WorkRoot", StringComparison.Ordinal) && e.Message.Contains("CpusPerTask", StringComparison.Ordinal))
{
    Console.WriteLine("SLURM options check: both problems named");
}

foreach (string problem in problems) Console.Error.WriteLine($"package consumer: {problem}");
Console.WriteLine(problems.Count == 0 ? "package consumer: all checks passed" : $"package consumer: {problems.Count} check(s) failed");
return problems.Count == 0 ? 0 : 1;
