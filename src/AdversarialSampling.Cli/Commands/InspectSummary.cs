using System.Globalization;
using System.Text.Json;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Cli.Commands;

/// <summary>Streaming summary of an extended XYZ file (the data behind <c>inspect</c>).</summary>
internal sealed class InspectSummary
{
    private readonly SortedSet<int> _elements = [];
    private readonly SortedDictionary<string, int> _infoKeys = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string Type, int Columns, int Frames)> _arrayKeys = new(StringComparer.Ordinal);

    public int Frames { get; private set; }

    public int AtomsMin { get; private set; } = int.MaxValue;

    public int AtomsMax { get; private set; }

    public bool Periodic { get; private set; }

    public int FramesWithCell { get; private set; }

    public double? EnergyMin { get; private set; }

    public double? EnergyMax { get; private set; }

    public double? MaxForceNorm { get; private set; }

    public static InspectSummary Of(IEnumerable<ExtendedXyzFrame> frames)
    {
        var s = new InspectSummary();
        foreach (var f in frames)
        {
            s.Add(f);
        }

        return s;
    }

    private void Add(ExtendedXyzFrame frame)
    {
        Frames++;
        var st = frame.Structure;
        AtomsMin = Math.Min(AtomsMin, st.AtomCount);
        AtomsMax = Math.Max(AtomsMax, st.AtomCount);
        _elements.UnionWith(st.AtomicNumbers);
        Periodic |= st.IsPeriodic;
        FramesWithCell += st.Cell is null ? 0 : 1;
        if (frame.Energy is double e)
        {
            EnergyMin = Math.Min(EnergyMin ?? e, e);
            EnergyMax = Math.Max(EnergyMax ?? e, e);
        }

        var forces = frame.Forces;
        for (int a = 0; a + 2 < forces.Length; a += 3)
        {
            double n = Math.Sqrt(forces[a] * forces[a] + forces[a + 1] * forces[a + 1] + forces[a + 2] * forces[a + 2]);
            MaxForceNorm = Math.Max(MaxForceNorm ?? n, n);
        }

        foreach (var key in frame.Info.Keys)
        {
            _infoKeys[key] = _infoKeys.GetValueOrDefault(key) + 1;
        }

        foreach (var (key, prop) in frame.Arrays)
        {
            var old = _arrayKeys.GetValueOrDefault(key);
            _arrayKeys[key] = (prop.TypeCode.ToString(), prop.Columns, old.Frames + 1);
        }
    }

    public void WriteJson(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("frames", Frames);
        w.WriteNumber("atomsMin", Frames == 0 ? 0 : AtomsMin);
        w.WriteNumber("atomsMax", AtomsMax);
        w.WriteStartArray("elements");
        foreach (int z in _elements)
        {
            w.WriteStringValue(Elements.Symbol(z));
        }

        w.WriteEndArray();
        w.WriteBoolean("periodic", Periodic);
        w.WriteNumber("framesWithCell", FramesWithCell);
        WriteNullable(w, "energyMin", EnergyMin);
        WriteNullable(w, "energyMax", EnergyMax);
        WriteNullable(w, "maxForceNorm", MaxForceNorm);
        w.WriteStartObject("infoKeys");
        foreach (var (k, n) in _infoKeys)
        {
            w.WriteNumber(k, n);
        }

        w.WriteEndObject();
        w.WriteStartObject("arrayKeys");
        foreach (var (k, v) in _arrayKeys)
        {
            w.WriteStartObject(k);
            w.WriteString("type", v.Type);
            w.WriteNumber("columns", v.Columns);
            w.WriteNumber("frames", v.Frames);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    public void WriteText(TextWriter o, string path)
    {
        string F(double? v, string unit) => v is double d ? d.ToString("G6", CultureInfo.InvariantCulture) + " " + unit : "(absent)";
        o.WriteLine($"file:           {path}");
        o.WriteLine($"frames:         {Frames}");
        o.WriteLine($"atoms:          {(Frames == 0 ? 0 : AtomsMin)}..{AtomsMax}");
        o.WriteLine($"elements:       {string.Join(' ', _elements.Select(Elements.Symbol))}");
        o.WriteLine($"cell:           {FramesWithCell} of {Frames} frames have a cell; periodic: {(Periodic ? "yes" : "no")}");
        o.WriteLine($"energy:         {F(EnergyMin, "eV")} .. {F(EnergyMax, "eV")}");
        o.WriteLine($"max |force|:    {F(MaxForceNorm, "eV/Å")}");
        o.WriteLine("info keys:      " + (_infoKeys.Count == 0 ? "(none)" : string.Join(", ", _infoKeys.Select(kv => $"{kv.Key} ({kv.Value})"))));
        o.WriteLine("per-atom keys:  " + (_arrayKeys.Count == 0 ? "(none)" : string.Join(", ", _arrayKeys.Select(kv => $"{kv.Key}:{kv.Value.Type}:{kv.Value.Columns} ({kv.Value.Frames})"))));
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double d)
        {
            w.WriteNumber(name, d);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
