using System.Globalization;
using static TorchSharp.torch;

namespace AdversarialSampling.Models;

/// <summary>Argument checks shared by <see cref="ModelSpec.Create"/> implementations.</summary>
internal static class ModelSpecChecks
{
    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem of the spec and arguments.</summary>
    public static void ThrowIfInvalid(ModelSpec spec, int memberCount, ScalarType dtype)
    {
        var problems = new List<string>(spec.Validate());
        if (memberCount < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Member count must be at least 1; found {memberCount}."));
        }

        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
        {
            problems.Add($"Model dtype must be Float32 or Float64; found {dtype}.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {spec.Kind} model: " + string.Join(" ", problems));
        }
    }
}
