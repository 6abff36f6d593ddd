using System.Globalization;
using System.Text;
using AdversarialSampling.IO;
using AdversarialSampling.Structures;

namespace AdversarialSampling.Dynamics;

/// <summary>
/// Streams MD frames to an extended XYZ file: <c>energy</c> (potential, eV), <c>kinetic_energy</c> and
/// <c>total_energy</c> (eV), <c>temperature</c> (K), <c>time</c> (fs) and <c>step</c> in the comment line;
/// <c>forces</c> (eV/Å) and <c>velocities</c> (Å/fs) as per-atom columns.
/// </summary>
internal sealed class MdTrajectoryWriter : IDisposable
{
    /// <summary>Per-atom column of the velocities (Å/fs).</summary>
    public const string VelocitiesKey = "velocities";

    private readonly StreamWriter _writer;

    public MdTrajectoryWriter(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
    }

    /// <summary>Frames written so far.</summary>
    public int Written { get; private set; }

    /// <summary>The step of the last frame written, or −1.</summary>
    public int LastStep { get; private set; } = -1;

    public void Write(AtomicStructure structure, IReadOnlyList<double> forces, IReadOnlyList<double> velocities, MdFrame frame)
    {
        var info = new KeyValuePair<string, object>[]
        {
            new(ExtendedXyzFrame.EnergyKey, frame.PotentialEnergy),
            new("kinetic_energy", frame.KineticEnergy),
            new("total_energy", frame.TotalEnergy),
            new("temperature", frame.TemperatureK),
            new("time", frame.TimeFs),
            new("step", (long)frame.Step),
        };
        var arrays = new KeyValuePair<string, PerAtomProperty>[]
        {
            new(ExtendedXyzFrame.ForcesKey, PerAtomProperty.FromReals(3, forces)),
            new(VelocitiesKey, PerAtomProperty.FromReals(3, velocities)),
        };
        ExtendedXyzWriter.WriteFrame(_writer, new ExtendedXyzFrame(structure, info, arrays));
        Written++;
        LastStep = frame.Step;
    }

    public void Dispose() => _writer.Dispose();

    /// <inheritdoc />
    public override string ToString() => Written.ToString(CultureInfo.InvariantCulture) + " frames";
}
