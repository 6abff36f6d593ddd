using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdversarialSampling.Models;
using AdversarialSampling.Structures;
using static TorchSharp.torch;

namespace AdversarialSampling.Committees;

/// <summary>
/// Everything <see cref="CommitteeTrainer"/> needs to continue an interrupted training after a completed epoch and end
/// bit for bit where the uninterrupted training would have ended: the schedule (epoch, attempts, learning rate, plateau
/// and early-stopping counters, rollbacks), each member's best validation loss and epoch, and per parameter the
/// current and best values and Adam's moments and step count. The shuffling generator is not stored: it is
/// re-created from the seed and advanced by <see cref="Attempts"/> shuffles.
/// </summary>
/// <remarks>
/// <para>Binary little-endian layout: magic <c>ASTRAIN1</c>, the context (SHA-256 hex of the training inputs,
/// <see cref="ContextOf"/>), the scalars, then per parameter its shape, Adam step count and four value arrays (current,
/// best, Adam's two moments) in the committee's dtype (float32 or float64, so the values round-trip exactly).</para>
/// <para>The context ties a state to its training: a state written for other data, options, seed or architecture is
/// never applied.</para>
/// </remarks>
internal sealed class TrainingState
{
    private static readonly byte[] Magic = "ASTRAIN1"u8.ToArray();

    /// <summary>SHA-256 (hex) of the training inputs (<see cref="ContextOf"/>).</summary>
    public required string Context { get; init; }

    /// <summary>Completed epochs.</summary>
    public required int Epoch { get; init; }

    /// <summary>Epoch attempts so far (completed plus rolled back): the number of shuffles drawn.</summary>
    public required int Attempts { get; init; }

    public required int Rollbacks { get; init; }

    public required double LearningRate { get; init; }

    public required double PlateauBest { get; init; }

    public required int PlateauCount { get; init; }

    public required int SinceImprovement { get; init; }

    /// <summary>Training time before the state was written.</summary>
    public required TimeSpan Elapsed { get; init; }

    public required double[] BestLoss { get; init; }

    public required int[] BestEpoch { get; init; }

    /// <summary>True when the saved values are float32 (the committee's dtype), false for float64.</summary>
    public required bool SinglePrecision { get; init; }

    /// <summary>Per parameter, in the trainer's order.</summary>
    public required ParameterState[] Parameters { get; init; }

    /// <summary>The context hash of a training: format, architecture, member count, seed, options, parameter shapes, data and weights.</summary>
    public static string ContextOf(
        string kind,
        int members,
        int seed,
        CommitteeOptions options,
        IReadOnlyList<CommitteeParameter> parameters,
        Dataset training,
        double[]? trainingWeights,
        Dataset validation,
        double[]? validationWeights)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string s)
        {
            hash.AppendData(BitConverter.GetBytes(s.Length));
            hash.AppendData(Encoding.UTF8.GetBytes(s));
        }

        void Int(long v) => hash.AppendData(BitConverter.GetBytes(v));
        void Real(double v) => hash.AppendData(BitConverter.GetBytes(v));
        void Reals(ImmutableArray<double> values) => hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));

        void Data(Dataset data, double[]? weights)
        {
            Int(data.Count);
            for (int i = 0; i < data.Count; i++)
            {
                var s = data[i];
                Int(s.Structure.AtomCount);
                hash.AppendData(MemoryMarshal.AsBytes(s.Structure.AtomicNumbers.AsSpan()));

                Reals(s.Structure.Positions);
                Real(s.Energy);
                Reals(s.Forces);
                if (s.Structure.Cell is { } cell)
                {
                    Reals(cell.Vectors);
                    Text(string.Concat(cell.Periodic.Select(p => p ? '1' : '0')));
                }
                else
                {
                    Text("-");
                }

                Real(weights?[i] ?? 1);
            }
        }

        Text(Encoding.ASCII.GetString(Magic));
        Text(kind);
        Int(members);
        Int(seed);
        Text(options.DType.ToString());
        Text(JsonSerializer.Serialize(options.Training));
        Int(parameters.Count);
        foreach (var p in parameters)
        {
            Text(string.Join(',', p.Parameter.shape));
            Int(p.Member ?? -1);
        }

        Data(training, trainingWeights);
        Data(validation, validationWeights);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>The size of <see cref="ToBytes"/>'s result, in bytes.</summary>
    public long Size
    {
        get
        {
            int contextBytes = Encoding.UTF8.GetByteCount(Context);
            int lengthPrefix = contextBytes < 1 << 7 ? 1 : contextBytes < 1 << 14 ? 2 : contextBytes < 1 << 21 ? 3 : contextBytes < 1 << 28 ? 4 : 5;
            return Magic.Length + lengthPrefix + contextBytes + (7 * sizeof(int)) + (2 * sizeof(double)) + sizeof(long) + (BestLoss.Length * (sizeof(double) + sizeof(int))) + sizeof(bool)
                + Parameters.Sum(p => sizeof(int) + (sizeof(long) * p.Shape.Length) + sizeof(long) + p.Current.LongLength + p.Best.LongLength + p.AdamAverage.LongLength + p.AdamAverageSquare.LongLength);
        }
    }

    /// <summary>Writes the state.</summary>
    public byte[] ToBytes()
    {
        // The exact size, so that the stream's buffer is the result (no copy of a state that can be hundreds of MB).
        long capacity = Size;
        using var stream = new MemoryStream(checked((int)capacity));
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Context);
            w.Write(Epoch);
            w.Write(Attempts);
            w.Write(Rollbacks);
            w.Write(LearningRate);
            w.Write(PlateauBest);
            w.Write(PlateauCount);
            w.Write(SinceImprovement);
            w.Write(Elapsed.Ticks);
            w.Write(BestLoss.Length);
            foreach (double l in BestLoss)
            {
                w.Write(l);
            }

            foreach (int e in BestEpoch)
            {
                w.Write(e);
            }

            w.Write(SinglePrecision);
            w.Write(Parameters.Length);
            foreach (var p in Parameters)
            {
                w.Write(p.Shape.Length);
                foreach (long d in p.Shape)
                {
                    w.Write(d);
                }

                w.Write(p.AdamSteps);
                w.Write(p.Current);
                w.Write(p.Best);
                w.Write(p.AdamAverage);
                w.Write(p.AdamAverageSquare);
            }
        }

        return stream.Length == stream.Capacity ? stream.GetBuffer() : stream.ToArray();
    }

    /// <summary>Reads a state written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="FormatException">Not a training state, truncated, or trailing bytes (the message says which).</exception>
    public static TrainingState FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var (context, epoch) = ReadHeader(r) ?? throw new FormatException("Not a committee training state (the file does not start with 'ASTRAIN1').");
            int attempts = r.ReadInt32(), rollbacks = r.ReadInt32();
            double lr = r.ReadDouble(), plateauBest = r.ReadDouble();
            int plateauCount = r.ReadInt32(), sinceImprovement = r.ReadInt32();
            var elapsed = TimeSpan.FromTicks(r.ReadInt64());
            int members = Count(r.ReadInt32(), 4096, "member count");
            var bestLoss = new double[members];
            for (int m = 0; m < members; m++)
            {
                bestLoss[m] = r.ReadDouble();
            }

            var bestEpoch = new int[members];
            for (int m = 0; m < members; m++)
            {
                bestEpoch[m] = r.ReadInt32();
            }

            bool single = r.ReadBoolean();
            int size = single ? sizeof(float) : sizeof(double);
            var parameters = new ParameterState[Count(r.ReadInt32(), 1 << 20, "parameter count")];
            for (int i = 0; i < parameters.Length; i++)
            {
                var shape = new long[Count(r.ReadInt32(), 16, "parameter rank")];
                long numel = 1;
                for (int d = 0; d < shape.Length; d++)
                {
                    shape[d] = r.ReadInt64();
                    numel *= shape[d];
                }

                if (numel < 0 || numel * size * 4 > stream.Length - stream.Position)
                {
                    throw new FormatException($"The committee training state is truncated or corrupt: parameter {i} needs {numel} values, more than the {bytes.Length} bytes hold.");
                }

                long steps = r.ReadInt64();
                int length = (int)(numel * size);
                parameters[i] = new ParameterState(shape, steps, r.ReadBytes(length), r.ReadBytes(length), r.ReadBytes(length), r.ReadBytes(length));
            }

            if (stream.Position != stream.Length)
            {
                throw new FormatException($"{stream.Length - stream.Position} unexpected bytes after the training state.");
            }

            return new TrainingState
            {
                Context = context,
                Epoch = epoch,
                Attempts = attempts,
                Rollbacks = rollbacks,
                LearningRate = lr,
                PlateauBest = plateauBest,
                PlateauCount = plateauCount,
                SinceImprovement = sinceImprovement,
                Elapsed = elapsed,
                BestLoss = bestLoss,
                BestEpoch = bestEpoch,
                SinglePrecision = single,
                Parameters = parameters,
            };
        }
        catch (EndOfStreamException)
        {
            throw new FormatException($"The committee training state is truncated ({bytes.Length} bytes).");
        }
    }

    /// <summary>The completed epochs a saved state holds, read from the file's header only (no verification), or null if unreadable.</summary>
    public static int? ReadEpoch(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            return ReadHeader(r)?.Epoch;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The magic, context and epoch at the start of a state; null if the magic is not there.</summary>
    private static (string Context, int Epoch)? ReadHeader(BinaryReader r)
        => r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) ? (r.ReadString(), r.ReadInt32()) : null;

    /// <summary>The raw values of a CPU tensor (its dtype, row-major, little-endian).</summary>
    public static byte[] BytesOf(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().contiguous().bytes.ToArray();
    }

    /// <summary>Copies raw values written by <see cref="BytesOf"/> into a tensor of the same dtype and element count.</summary>
    /// <exception cref="FormatException">The byte count does not fit the tensor.</exception>
    public static void CopyInto(Tensor target, byte[] values)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var staging = empty(target.shape, dtype: target.dtype);
        if (staging.bytes.Length != values.Length)
        {
            throw new FormatException($"A saved training-state array has {values.Length} bytes; the tensor it restores needs {staging.bytes.Length}.");
        }

        staging.bytes = values;
        target.copy_(staging);
    }

    private static int Count(int value, int max, string what)
        => value >= 0 && value <= max ? value : throw new FormatException($"The training state's {what} is {value}; expected 0 to {max}.");

    /// <summary>One parameter's saved values (raw, in the committee's dtype, row-major) and Adam step count.</summary>
    internal sealed record ParameterState(long[] Shape, long AdamSteps, byte[] Current, byte[] Best, byte[] AdamAverage, byte[] AdamAverageSquare);
}
