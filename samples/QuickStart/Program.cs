// Quick start: the README's code, kept compiling here (a test checks the README shows this region verbatim).
// Usage: dotnet run -c Release --project samples/QuickStart -- [--out DIR]   (default DIR: out/quickstart)
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Models;
using AdversarialSampling.Potentials;
using AdversarialSampling.Structures;
using AdversarialSampling.Uncertainty;

string outDir = args.Length >= 2 && args[0] == "--out" ? args[1] : Path.Combine("out", "quickstart");
Directory.CreateDirectory(outDir);

#region QuickStart
// The paper's 2D double well (eV, Å): train on the deep left basin only, then ask the committee where it is unsure.
Dataset data = DoubleWell2D.InitialTrainingSet(points: 800, maxEnergy: -2, seed: 0);
DatasetSplit split = data.Split(trainFraction: 0.8, validationFraction: 0.2, seed: 0);

var spec = new MlpSpec { InputComponents = [0, 1], Width = 64, Depth = 4 };   // input (x, y) → energy
var options = new CommitteeOptions { Members = 5, Seed = 0, Training = new() { LearningRate = 1e-2 } };
using var committee = new TorchCommittee(spec, options);
committee.Train(split.Train, split.Validation);

AtomicStructure[] probes = [DoubleWell2D.Particle(-0.75, 0), DoubleWell2D.Particle(0.65, 0)];
var variance = new ForceVariance().EvaluateAll(committee.Predict(probes));   // eV²/Å², unbiased over members
Console.WriteLine($"committee force variance: left well {variance[0]:G3}, right well {variance[1]:G3} eV²/Å²");

var oracle = new DoubleWell2D();                                              // the analytic ground truth
var label = await oracle.LabelAsync(probes[1]);
ExtendedXyzWriter.WriteSamples(Path.Combine(outDir, "labelled.extxyz"), data.Append(label.Sample!));
#endregion

Console.WriteLine($"wrote {Path.Combine(outDir, "labelled.extxyz")} ({data.Count + 1} frames)");
