using AdversarialSampling.Attacks;

namespace AdversarialSampling.Cli.Config;

/// <summary>
/// Reads attack restraints: <c>bounds</c> = {<c>box</c>, <c>epsilon</c> Å, <c>maxAtomDisplacement</c> Å,
/// <c>minDistanceFactor</c>, <c>minTrainingDistanceFactor</c>, <c>energyCeiling</c> eV above the training minimum}, each overriding the preset's value
/// (null switches a restraint off); a box is {<c>x</c>: [min, max], <c>y</c>: [...], <c>z</c>: [...]} in Å, a missing
/// axis being unbounded.
/// </summary>
internal static class BoundsConfig
{
    /// <summary>Reads the <c>bounds</c> object, as a function applying its values over a preset's bounds.</summary>
    /// <param name="parent">The object holding the <c>bounds</c> key.</param>
    /// <returns>The function (the identity when there is no <c>bounds</c>).</returns>
    public static Func<AttackBounds, AttackBounds> Read(ConfigObject parent)
    {
        if (parent.Object("bounds") is not { } b)
        {
            return current => current;
        }

        var box = Override(b, "box", ReadBox(b, "box"));
        var epsilon = Override(b, "epsilon", b.Number("epsilon"));
        var maxAtom = Override(b, "maxAtomDisplacement", b.Number("maxAtomDisplacement"));
        var minDistance = Override(b, "minDistanceFactor", b.Number("minDistanceFactor"));
        var minTraining = Override(b, "minTrainingDistanceFactor", b.Number("minTrainingDistanceFactor"));
        var ceiling = Override(b, "energyCeiling", b.Number("energyCeiling"));
        b.Finish();
        return current => current with
        {
            Box = box is null ? current.Box : box.Value.Value,
            Epsilon = epsilon is null ? current.Epsilon : epsilon.Value.Value,
            MaxAtomDisplacement = maxAtom is null ? current.MaxAtomDisplacement : maxAtom.Value.Value,
            MinDistanceFactor = minDistance is null ? current.MinDistanceFactor : minDistance.Value.Value,
            MinTrainingDistanceFactor = minTraining is null ? current.MinTrainingDistanceFactor : minTraining.Value.Value,
            EnergyCeiling = ceiling is null ? current.EnergyCeiling : ceiling.Value.Value,
        };
    }

    /// <summary>Reads a box object at a key.</summary>
    /// <param name="parent">The object holding the key.</param>
    /// <param name="key">The key.</param>
    /// <returns>The box, or null when absent or invalid (problem recorded).</returns>
    public static AttackBox? ReadBox(ConfigObject parent, string key)
    {
        if (parent.Object(key) is not { } o)
        {
            return null;
        }

        var x = o.Interval("x") ?? (double.NegativeInfinity, double.PositiveInfinity);
        var y = o.Interval("y") ?? (double.NegativeInfinity, double.PositiveInfinity);
        var z = o.Interval("z") ?? (double.NegativeInfinity, double.PositiveInfinity);
        o.Finish();
        return new AttackBox(x.Min, x.Max, y.Min, y.Max, z.Min, z.Max);
    }

    /// <summary>An override: null = keep the preset's value; a wrapped null = switch the restraint off; a wrapped value = set it.</summary>
    private static Setting<T>? Override<T>(ConfigObject o, string key, T? value)
        => o.IsNull(key) ? new Setting<T>(default) : value is null ? null : new Setting<T>(value);

    /// <summary>A value that may itself be null (switched off).</summary>
    private readonly record struct Setting<T>(T? Value);
}
