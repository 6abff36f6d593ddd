using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AdversarialSampling.Structures;

/// <summary>
/// Periodic-table data for Z = 1..118: symbols, standard atomic masses (amu) and covalent radii (Å, Cordero
/// et al. 2008 as tabulated by ASE; 0.2 Å where no value is known). Generated from ASE 3.22's <c>ase.data</c>.
/// </summary>
public static class Elements
{
    private static readonly string[] SymbolTable =
    [
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
        "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y",
        "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La",
        "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re",
        "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np",
        "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg",
        "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og",
    ];

    private static readonly double[] MassTable =
    [
        1.00800, 4.00260, 6.94000, 9.01218, 10.81000, 12.01100, 14.00700, 15.99900, 18.99840, 20.17970, 22.98977,
        24.30500, 26.98154, 28.08500, 30.97376, 32.06000, 35.45000, 39.94800, 39.09830, 40.07800, 44.95591, 47.86700,
        50.94150, 51.99610, 54.93804, 55.84500, 58.93319, 58.69340, 63.54600, 65.38000, 69.72300, 72.63000, 74.92159,
        78.97100, 79.90400, 83.79800, 85.46780, 87.62000, 88.90584, 91.22400, 92.90637, 95.95000, 97.90721, 101.07000,
        102.90550, 106.42000, 107.86820, 112.41400, 114.81800, 118.71000, 121.76000, 127.60000, 126.90447, 131.29300,
        132.90545, 137.32700, 138.90547, 140.11600, 140.90766, 144.24200, 144.91276, 150.36000, 151.96400, 157.25000,
        158.92535, 162.50000, 164.93033, 167.25900, 168.93422, 173.05400, 174.96680, 178.49000, 180.94788, 183.84000,
        186.20700, 190.23000, 192.21700, 195.08400, 196.96657, 200.59200, 204.38000, 207.20000, 208.98040, 208.98243,
        209.98715, 222.01758, 223.01974, 226.02541, 227.02775, 232.03770, 231.03588, 238.02891, 237.04817, 244.06421,
        243.06138, 247.07035, 247.07031, 251.07959, 252.08300, 257.09511, 258.09843, 259.10100, 262.11000, 267.12200,
        268.12600, 271.13400, 270.13300, 269.13380, 278.15600, 281.16500, 281.16600, 285.17700, 286.18200, 289.19000,
        289.19400, 293.20400, 293.20800, 294.21400,
    ];

    private static readonly double[] CovalentRadiusTable =
    [
        0.31, 0.28, 1.28, 0.96, 0.84, 0.76, 0.71, 0.66, 0.57, 0.58, 1.66, 1.41, 1.21, 1.11, 1.07, 1.05, 1.02, 1.06,
        2.03, 1.76, 1.70, 1.60, 1.53, 1.39, 1.39, 1.32, 1.26, 1.24, 1.32, 1.22, 1.22, 1.20, 1.19, 1.20, 1.20, 1.16,
        2.20, 1.95, 1.90, 1.75, 1.64, 1.54, 1.47, 1.46, 1.42, 1.39, 1.45, 1.44, 1.42, 1.39, 1.39, 1.38, 1.39, 1.40,
        2.44, 2.15, 2.07, 2.04, 2.03, 2.01, 1.99, 1.98, 1.98, 1.96, 1.94, 1.92, 1.92, 1.89, 1.90, 1.87, 1.87, 1.75,
        1.70, 1.62, 1.51, 1.44, 1.41, 1.36, 1.36, 1.32, 1.45, 1.46, 1.48, 1.40, 1.50, 1.50, 2.60, 2.21, 2.15, 2.06,
        2.00, 1.96, 1.90, 1.87, 1.80, 1.69, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20,
        0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20,
    ];

    private static readonly FrozenDictionary<string, int> BySymbol =
        SymbolTable.Select((s, i) => (s, i)).ToFrozenDictionary(p => p.s, p => p.i + 1, StringComparer.Ordinal);

    /// <summary>Number of known elements (118).</summary>
    public static int Count => SymbolTable.Length;

    /// <summary>True if <paramref name="atomicNumber"/> is in 1..118.</summary>
    /// <param name="atomicNumber">Atomic number Z.</param>
    /// <returns>Whether the element is known.</returns>
    public static bool IsKnown(int atomicNumber) => atomicNumber >= 1 && atomicNumber <= SymbolTable.Length;

    /// <summary>The symbol of element Z (e.g. 7 → "N").</summary>
    /// <param name="atomicNumber">Atomic number Z in 1..118.</param>
    /// <returns>The symbol.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown Z.</exception>
    public static string Symbol(int atomicNumber) => SymbolTable[Check(atomicNumber) - 1];

    /// <summary>Standard atomic mass of element Z (amu).</summary>
    /// <param name="atomicNumber">Atomic number Z in 1..118.</param>
    /// <returns>Mass in amu.</returns>
    public static double Mass(int atomicNumber) => MassTable[Check(atomicNumber) - 1];

    /// <summary>Covalent radius of element Z (Å).</summary>
    /// <param name="atomicNumber">Atomic number Z in 1..118.</param>
    /// <returns>Radius in Å.</returns>
    public static double CovalentRadius(int atomicNumber) => CovalentRadiusTable[Check(atomicNumber) - 1];

    /// <summary>Looks up an atomic number by symbol (case-sensitive, e.g. "Cl").</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="atomicNumber">Z, or 0 if unknown.</param>
    /// <returns>True if the symbol is known.</returns>
    public static bool TryGetAtomicNumber(string symbol, out int atomicNumber)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return BySymbol.TryGetValue(symbol, out atomicNumber);
    }

    /// <summary>The atomic number of a symbol.</summary>
    /// <param name="symbol">The symbol (case-sensitive).</param>
    /// <returns>Z.</returns>
    /// <exception cref="ArgumentException">Unknown symbol.</exception>
    public static int AtomicNumber(string symbol)
        => TryGetAtomicNumber(symbol, out int z) ? z : throw new ArgumentException($"Unknown element symbol '{symbol}'.", nameof(symbol));

    private static int Check(int z, [CallerArgumentExpression(nameof(z))] string? paramName = null)
        => IsKnown(z) ? z : throw new ArgumentOutOfRangeException(paramName, z, $"Unknown atomic number {z} (expected 1..{SymbolTable.Length}).");
}
