using System.CommandLine;
using System.Globalization;
using AdversarialSampling.Committees;
using AdversarialSampling.IO;
using AdversarialSampling.Models;

namespace AdversarialSampling.Cli.Commands;

/// <summary>
/// <c>predict --committee DIR --data FILE --out FILE</c>: committee predictions for every frame, written as
/// extended XYZ with the input's keys kept and the committee keys added (see <see cref="PredictionKeys"/>).
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var committeeDir = new Option<DirectoryInfo>("--committee") { Description = "Committee directory written by 'train'. Required.", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "Extended XYZ file of structures (positions Å); labels are optional and kept. Required.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Extended XYZ file to write (atomically): every input frame with its keys kept plus per-frame committee_energy (eV, member mean), committee_energy_var (eV²), committee_force_var (eV²/Å², mean over atoms and components), committee_force_var_max (eV²/Å², largest per-atom value = mean of the atom's 3 component variances) and per-atom committee_forces (eV/Å, member mean). Variances are unbiased (divide by M − 1). Required.", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Frames per evaluation pass. Default: 256.", DefaultValueFactory = _ => 256 };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads for libtorch. Default: libtorch's choice." };
        var command = new Command("predict", "Predict energies, forces and committee variances for every frame of an extended XYZ file with a saved committee.")
        {
            committeeDir, data, output, batch, threads,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(threads) is int n)
            {
                TorchSharp.torch.set_num_threads(n);
            }

            int batchSize = parse.GetValue(batch);
            if (batchSize < 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--batch-size must be at least 1; found {batchSize}."));
            }

            string input = parse.GetValue(data)!.FullName;
            string target = parse.GetValue(output)!.FullName;
            using var committee = TorchCommittee.Load(parse.GetValue(committeeDir)!.FullName);
            int written = 0;
            ExtendedXyzWriter.WriteFrames(target, Annotate(committee, ExtendedXyzReader.ReadFrames(input), input, batchSize, () => written++));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {written} frames with {committee.MemberCount}-member committee predictions to {target}"));
        }));
        return command;
    }

    /// <summary>Streams the frames through the committee in chunks, adding the prediction keys.</summary>
    private static IEnumerable<ExtendedXyzFrame> Annotate(TorchCommittee committee, IEnumerable<ExtendedXyzFrame> frames, string path, int batchSize, Action counted)
    {
        int index = 0;
        foreach (var chunk in frames.Chunk(batchSize))
        {
            for (int i = 0; i < chunk.Length; i++)
            {
                if (committee.Spec is MlpSpec mlp && chunk[i].Structure.AtomCount != mlp.AtomCount)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{path}: frame {index + i} has {chunk[i].Structure.AtomCount} atoms; the committee's MLP takes {mlp.AtomCount}."));
                }
            }

            var prediction = committee.Predict([.. chunk.Select(f => f.Structure)]);
            for (int i = 0; i < chunk.Length; i++)
            {
                counted();
                yield return PredictionKeys.Add(chunk[i], prediction[i]);
            }

            index += chunk.Length;
        }
    }
}
