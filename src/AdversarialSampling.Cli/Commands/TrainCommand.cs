using System.CommandLine;
using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Cli.Commands;

/// <summary>
/// <c>train --data FILE --model mlp|schnet --members M --out DIR</c>: trains a committee on labelled extended
/// XYZ data (60/20/20 split by default) and saves it as a committee directory (see <see cref="CommitteeStore"/>).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var data = new Option<FileInfo>("--data") { Description = "Labelled extended XYZ file: positions (Å), per-frame 'energy' (eV), per-atom 'forces' (eV/Å, optional). Required.", Required = true };
        var model = new Option<string>("--model") { Description = "Architecture: 'mlp' (coordinate MLP; every frame must have the same atom count) or 'schnet' (message passing). Default: mlp.", DefaultValueFactory = _ => "mlp" };
        model.AcceptOnlyFromAmong("mlp", "schnet");
        var members = new Option<int>("--members") { Description = "Committee size M. Default: 5.", DefaultValueFactory = _ => 5 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Committee directory to write (created; a committee saved there before is replaced). Required.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = $"Maximum epochs. Default: {defaults.Epochs}.", DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int>("--batch-size") { Description = $"Structures per minibatch. Default: {defaults.BatchSize}.", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--learning-rate") { Description = "Initial Adam learning rate (decays ×0.5 on validation plateaus). Default: 0.001.", DefaultValueFactory = _ => defaults.LearningRate };
        var energyWeight = new Option<double>("--energy-weight") { Description = "Loss weight w_E of MSE(E) (eV²). Default: 1.", DefaultValueFactory = _ => defaults.EnergyWeight };
        var forceWeight = new Option<double>("--force-weight") { Description = "Loss weight w_F of MSE(F) (eV²/Å²). Default: 10.", DefaultValueFactory = _ => defaults.ForceWeight };
        var seed = new Option<int>("--seed") { Description = "Seed of the member initialisation, the minibatch order and the data split. Default: 0.", DefaultValueFactory = _ => 0 };
        var precision = new Option<string>("--precision") { Description = "Model floating type: float32 or float64. Default: float32.", DefaultValueFactory = _ => "float32" };
        precision.AcceptOnlyFromAmong("float32", "float64");
        var trainFraction = new Option<double>("--train-fraction") { Description = "Fraction of frames for training. Default: 0.6.", DefaultValueFactory = _ => 0.6 };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Fraction of frames for validation (early stopping, best-model selection); the rest is the test set. Default: 0.2.", DefaultValueFactory = _ => 0.2 };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads for libtorch. Default: libtorch's choice." };
        var width = new Option<int>("--width") { Description = "MLP hidden width. Default: 1024.", DefaultValueFactory = _ => 1024 };
        var depth = new Option<int>("--depth") { Description = "MLP linear layers including the output layer. Default: 4 (in→1024→1024→1024→1).", DefaultValueFactory = _ => 4 };
        var components = new Option<string?>("--components") { Description = "MLP inputs: comma-separated indices into the flat N×3 positions (e.g. 0,1 = x and y of atom 0). Default: all 3N." };
        var cutoff = new Option<double>("--cutoff") { Description = "SchNet cutoff radius (Å). Default: 5.", DefaultValueFactory = _ => 5.0 };
        var command = new Command("train", "Train a committee of M independently initialised potentials on labelled extended XYZ data and save it as a committee directory (committee.json + weights, SHA-256 checked on load).")
        {
            data, model, members, output, epochs, batch, lr, energyWeight, forceWeight, seed, precision, trainFraction, validationFraction, threads, width, depth, components, cutoff,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(threads) is int n)
            {
                TorchSharp.torch.set_num_threads(n);
            }

            string path = parse.GetValue(data)!.FullName;
            var samples = ReadLabelled(path);
            ModelSpec spec = parse.GetValue(model) == "schnet"
                ? new SchNetSpec { Cutoff = parse.GetValue(cutoff) }
                : new MlpSpec
                {
                    AtomCount = CommonAtomCount(samples, path),
                    Width = parse.GetValue(width),
                    Depth = parse.GetValue(depth),
                    InputComponents = ParseComponents(parse.GetValue(components)),
                };
            var options = new CommitteeOptions
            {
                Members = parse.GetValue(members),
                Seed = parse.GetValue(seed),
                DType = parse.GetValue(precision) == "float64" ? TorchSharp.torch.ScalarType.Float64 : TorchSharp.torch.ScalarType.Float32,
                Training = defaults with
                {
                    Epochs = parse.GetValue(epochs),
                    BatchSize = parse.GetValue(batch),
                    LearningRate = parse.GetValue(lr),
                    EnergyWeight = parse.GetValue(energyWeight),
                    ForceWeight = parse.GetValue(forceWeight),
                },
            };
            var split = samples.Split(parse.GetValue(trainFraction), parse.GetValue(validationFraction), options.Seed);
            if (split.Train.Count == 0)
            {
                throw new ArgumentException($"{path}: no frames left for training ({samples.Count} frames, training fraction {parse.GetValue(trainFraction).ToString(CultureInfo.InvariantCulture)}).");
            }

            using var committee = new TorchCommittee(spec, options, CliLoggerFactory.StandardError());
            int every = Math.Max(1, options.Training.Epochs / 20);
            var progress = new InlineProgress<CommitteeTrainingProgress>(p =>
            {
                if (p.Epoch % every == 0 || p.Epoch == options.Training.Epochs)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}: training loss {p.TrainingLoss:G5}, validation loss {p.ValidationLoss:G5}, learning rate {p.LearningRate:G3}"));
                }
            });
            var result = committee.Train(split.Train, split.Validation, progress);
            if (result.Diverged || !committee.IsTrained)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"training diverged ({result.Rollbacks} rollbacks) at epoch {result.Epochs + 1}; nothing was saved (try a smaller --learning-rate)."));
            }

            string dir = parse.GetValue(output)!.FullName;
            committee.Save(dir);
            string test = split.Test.Count == 0 ? "no test frames" : TestErrors(committee, split.Test);
            Console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"saved {options.Members}-member {spec.Kind} committee to {dir}: {split.Train.Count} training, {split.Validation.Count} validation, {split.Test.Count} test frames; {result.Epochs} epochs{(result.StoppedEarly ? " (early stop)" : string.Empty)}, {result.Rollbacks} rollbacks; {test}"));
        }));
        return command;
    }

    private static Dataset ReadLabelled(string path)
    {
        var samples = new List<LabelledSample>();
        int index = 0;
        foreach (var frame in ExtendedXyzReader.ReadFrames(path))
        {
            if (!frame.TryToLabelledSample(out var sample))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{path}: frame {index} has no 'energy'; training needs labelled frames."));
            }

            samples.Add(sample);
            index++;
        }

        return samples.Count > 0 ? new Dataset(samples) : throw new ArgumentException($"{path}: no frames.");
    }

    private static int CommonAtomCount(Dataset samples, string path)
    {
        int n = samples[0].Structure.AtomCount;
        for (int i = 1; i < samples.Count; i++)
        {
            if (samples[i].Structure.AtomCount != n)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{path}: frame {i} has {samples[i].Structure.AtomCount} atoms but frame 0 has {n}; the coordinate MLP needs one atom count (use --model schnet)."));
            }
        }

        return n;
    }

    private static System.Collections.Immutable.ImmutableArray<int> ParseComponents(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new ArgumentException($"--components: '{s}' is not an integer index."))];
    }

    private static string TestErrors(TorchCommittee committee, Dataset test)
    {
        var prediction = committee.Predict([.. test.Select(s => s.Structure)]);
        double se = 0, sf = 0;
        long nf = 0;
        for (int i = 0; i < test.Count; i++)
        {
            se += Math.Pow(prediction[i].MeanEnergy - test[i].Energy, 2);
            for (int k = 0; k < test[i].Forces.Length; k++)
            {
                sf += Math.Pow(prediction[i].MeanForces[k] - test[i].Forces[k], 2);
                nf++;
            }
        }

        string forces = nf > 0 ? string.Create(CultureInfo.InvariantCulture, $", force RMSE {Math.Sqrt(sf / nf):G4} eV/Å") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"test energy RMSE {Math.Sqrt(se / test.Count):G4} eV{forces}");
    }
}
