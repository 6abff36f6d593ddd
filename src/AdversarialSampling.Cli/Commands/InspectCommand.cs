using System.CommandLine;
using AdversarialSampling.IO;

namespace AdversarialSampling.Cli.Commands;

/// <summary><c>inspect FILE [--json]</c>: summarises an extended XYZ file.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Extended XYZ file (ASE conventions; positions Å, energy eV, forces eV/Å)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (keys frames, atomsMin, atomsMax, elements, periodic, energyMin, energyMax [eV, null if absent], maxForceNorm [eV/Å, null if absent], infoKeys, arrayKeys) instead of text. Default: text." };
        var command = new Command("inspect", "Summarise an extended XYZ file: frames, atom counts, elements, cell/pbc, energy and force ranges, per-key inventory.")
        {
            file,
            json,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(file)!.FullName;
            var summary = InspectSummary.Of(ExtendedXyzReader.ReadFrames(path));
            if (parse.GetValue(json))
            {
                using var buffer = new MemoryStream();
                summary.WriteJson(buffer);
                Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                summary.WriteText(Console.Out, path);
            }
        }));
        return command;
    }
}
