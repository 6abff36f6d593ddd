namespace AdversarialSampling.Xtb;

/// <summary>The xtb Hamiltonian or force field.</summary>
public enum XtbMethod
{
    /// <summary>GFN2-xTB (<c>--gfn 2</c>), xtb's default and the recommended method.</summary>
    Gfn2,

    /// <summary>GFN1-xTB (<c>--gfn 1</c>).</summary>
    Gfn1,

    /// <summary>GFN-FF, the generic force field (<c>--gfnff</c>); charge is used, unpaired electrons, accuracy and electronic temperature are not.</summary>
    GfnFF,
}
