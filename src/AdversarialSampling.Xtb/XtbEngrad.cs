using System.Globalization;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Xtb;

/// <summary>
/// Reads the <c>.engrad</c> file xtb writes for XYZ input with <c>--grad</c> (ORCA's engrad layout): comment blocks
/// starting with <c>#</c> name the sections "Number of atoms", "The current total energy in Eh", "The current gradient
/// in Eh/bohr" (3N values, one per line) and "The atomic numbers and current coordinates in Bohr" (N lines
/// <c>Z x y z</c>).
/// </summary>
internal static class XtbEngrad
{
    /// <summary>Largest accepted difference between the file's coordinates and the structure's (Å).</summary>
    private const double PositionTolerance = 1e-4;

    /// <summary>Parses the file's text into energy (eV) and forces (eV/Å, = −gradient) for the given structure.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="structure">The structure that was labelled: the file must hold its atoms at its positions.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidDataException">A section is missing or malformed, or the atoms differ (named).</exception>
    public static PotentialResult Parse(string text, AtomicStructure structure)
    {
        var sections = Sections(text);
        int n = structure.AtomCount;
        var count = Section(sections, "number of atoms");
        if (count.Count != 1 || !int.TryParse(count[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int atoms) || atoms != n)
        {
            throw new InvalidDataException($"engrad: the atom count '{string.Join(' ', count)}' is not the structure's {n}.");
        }

        var energyLines = Section(sections, "total energy");
        if (energyLines.Count != 1)
        {
            throw new InvalidDataException($"engrad: expected one energy value, found {energyLines.Count}.");
        }

        double energy = Number(energyLines[0], "energy") * Units.Hartree;
        var gradient = Section(sections, "gradient").SelectMany(Tokens).ToList();
        if (gradient.Count != 3 * n)
        {
            throw new InvalidDataException($"engrad: expected {3 * n} gradient values for {n} atoms, found {gradient.Count}.");
        }

        var forces = new double[3 * n];
        for (int i = 0; i < forces.Length; i++)
        {
            forces[i] = -Number(gradient[i], "gradient") * Units.Hartree / Units.Bohr;
        }

        CheckCoordinates(Section(sections, "coordinates"), structure);
        return new PotentialResult(energy, forces);
    }

    private static void CheckCoordinates(List<string> lines, AtomicStructure structure)
    {
        if (lines.Count != structure.AtomCount)
        {
            throw new InvalidDataException($"engrad: expected {structure.AtomCount} coordinate lines, found {lines.Count}.");
        }

        for (int a = 0; a < lines.Count; a++)
        {
            string[] t = Tokens(lines[a]);
            if (t.Length != 4 || !int.TryParse(t[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int z) || z != structure.AtomicNumbers[a])
            {
                throw new InvalidDataException($"engrad: coordinate line {a} '{lines[a]}' is not atom {a} ({Elements.Symbol(structure.AtomicNumbers[a])}, Z = {structure.AtomicNumbers[a]}).");
            }

            for (int k = 0; k < 3; k++)
            {
                double position = Number(t[k + 1], "coordinate") * Units.Bohr;
                if (!(Math.Abs(position - structure.Positions[(3 * a) + k]) <= PositionTolerance))
                {
                    throw new InvalidDataException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"engrad: atom {a} is at {position:0.######} Å along axis {k} but the structure has {structure.Positions[(3 * a) + k]:0.######} Å (another calculation's file?)."));
                }
            }
        }
    }

    /// <summary>Data lines grouped under the text of the comment block above them (lower case).</summary>
    private static List<(string Header, List<string> Lines)> Sections(string text)
    {
        var sections = new List<(string Header, List<string> Lines)>();
        string header = string.Empty;
        bool inData = false;
        foreach (string raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith('#'))
            {
                if (inData)
                {
                    header = string.Empty;
                    inData = false;
                }

                string comment = line.TrimStart('#').Trim();
                header = comment.Length == 0 ? header : (header + " " + comment).Trim();
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (!inData)
            {
                sections.Add((header.ToLowerInvariant(), []));
                inData = true;
            }

            sections[^1].Lines.Add(line);
        }

        return sections;
    }

    private static List<string> Section(List<(string Header, List<string> Lines)> sections, string name)
    {
        var matches = sections.Where(s => s.Header.Contains(name, StringComparison.Ordinal)).ToList();
        return matches.Count == 1
            ? matches[0].Lines
            : throw new InvalidDataException($"engrad: expected one section '{name}', found {matches.Count}.");
    }

    private static string[] Tokens(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static double Number(string token, string what)
        => double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"engrad: the {what} value '{token}' is not a number.");
}
