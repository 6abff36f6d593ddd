using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AdversarialSampling.Loop;

/// <summary>
/// Every random choice of the loop takes its seed from (master seed, generation, purpose): the first four bytes of
/// SHA-256("seed|generation|purpose"), as a non-negative int. Stable across platforms and .NET versions.
/// Purposes: "split" (initial data, generation 0), "committee", "seeds", "explore-i" (explorer i), "select-i".
/// </summary>
internal static class LoopSeeds
{
    public const string Split = "split";
    public const string Committee = "committee";
    public const string SeedSample = "seeds";

    public static int Derive(int seed, int generation, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seed}|{generation}|{purpose}")));
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) & 0x7FFFFFFF);
    }

    public static string Explore(int explorer) => "explore-" + explorer.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Select(int explorer) => "select-" + explorer.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
