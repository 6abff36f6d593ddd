using System.Globalization;

namespace AdversarialSampling.Attacks;

/// <summary>Collects the problems of an attack's settings (one message each, naming the setting) for the options' <c>Validate</c> methods.</summary>
internal sealed class SettingsCheck
{
    private readonly List<string> _problems = [];

    /// <summary>The problems found so far (empty when valid).</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Adds <paramref name="message"/> (formatted with the invariant culture) unless <paramref name="ok"/>.</summary>
    /// <param name="ok">Whether the setting is valid.</param>
    /// <param name="message">The problem.</param>
    public void Require(bool ok, FormattableString message)
    {
        if (!ok)
        {
            _problems.Add(message.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The objective's problems, or that it is missing.</summary>
    /// <param name="objective">The objective settings.</param>
    public void Objective(AttackObjectiveOptions? objective)
    {
        if (objective is null)
        {
            _problems.Add("Objective must not be null.");
        }
        else
        {
            _problems.AddRange(objective.Validate());
        }
    }

    /// <summary>The bounds' problems, or that they are missing.</summary>
    /// <param name="bounds">The bounds.</param>
    public void Bounds(AttackBounds? bounds)
    {
        if (bounds is null)
        {
            _problems.Add("Bounds must not be null (use AttackBounds.None).");
        }
        else
        {
            _problems.AddRange(bounds.Validate());
        }
    }

    /// <summary>The box's problems, or that it is missing.</summary>
    /// <param name="box">The box.</param>
    public void Box(AttackBox? box)
    {
        if (box is null)
        {
            _problems.Add("Box must not be null.");
        }
        else
        {
            _problems.AddRange(box.Validate(nameof(Box)));
        }
    }
}
