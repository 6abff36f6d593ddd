using System.Diagnostics.CodeAnalysis;

namespace AdversarialSampling.IO;

/// <summary>Type of a per-atom column in an extended XYZ <c>Properties</c> specification.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names are the extended XYZ type names (S = string, I = integer).")]
public enum PerAtomPropertyType
{
    /// <summary><c>S</c>: strings (no whitespace).</summary>
    String,

    /// <summary><c>R</c>: real numbers (doubles).</summary>
    Real,

    /// <summary><c>I</c>: integers (64-bit).</summary>
    Integer,

    /// <summary><c>L</c>: logicals (<c>T</c>/<c>F</c>; <c>True</c>/<c>False</c> also read).</summary>
    Logical,
}
