namespace AdversarialSampling.Cli.Config;

/// <summary>Reads a temperature object: exactly one of <c>kelvin</c> (K) or <c>eV</c> (the thermal energy kT), positive.</summary>
internal static class TemperatureConfig
{
    /// <summary>Reads the temperature at a key.</summary>
    /// <param name="parent">The object holding the key.</param>
    /// <param name="key">The key (e.g. "temperature").</param>
    /// <returns>The temperature, or null when absent or invalid (problem recorded).</returns>
    public static Temperature? Read(ConfigObject parent, string key)
    {
        if (parent.Object(key) is not { } o)
        {
            return null;
        }

        double? kelvin = o.Number("kelvin");
        double? kT = o.Number("eV");
        o.Finish();
        if (kelvin is null == kT is null)
        {
            bool mistyped = (kelvin is null && o.Has("kelvin")) || (kT is null && o.Has("eV"));
            if (!mistyped)
            {
                o.Problems.Add(o.Path, "give exactly one of \"kelvin\" (K) or \"eV\" (kT in eV).");
            }

            return null;
        }

        double value = kelvin ?? kT!.Value;
        if (!(value > 0))
        {
            o.Problems.Add(o.PathOf(kelvin is null ? "eV" : "kelvin"), $"a temperature must be positive; found {value}.");
            return null;
        }

        return kelvin is null ? Temperature.FromThermalEnergy(value) : Temperature.FromKelvin(value);
    }
}
