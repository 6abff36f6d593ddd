namespace AdversarialSampling.Loop;

/// <summary>An explorer of the loop: an attack and its share of the per-generation label budget.</summary>
/// <param name="Attack">The attack.</param>
/// <param name="Share">Relative share (&gt; 0) of <see cref="Selection.SelectionOptions.Cap"/>.</param>
internal sealed record LoopExplorer(IAdversarialAttack Attack, double Share)
{
    /// <summary>"index:name", the explorer's label in reports and provenance.</summary>
    public string Label(int index) => $"{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{Attack.Name}";
}
