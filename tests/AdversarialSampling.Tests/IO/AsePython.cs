using System.Diagnostics;
using System.Text.Json;

namespace AdversarialSampling.Tests.IO;

/// <summary>
/// Runs <c>/usr/bin/python3</c> with Debian's python3-ase (3.22) for the round-trip tests. A missing interpreter or
/// ASE fails the test with instructions; it never skips.
/// </summary>
internal static class AsePython
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>The helper script: writes and reads frames with ASE and dumps what ASE holds as JSON (floats as repr strings).</summary>
    public const string Script = """
        import json, sys
        import numpy as np
        import ase
        from ase import Atoms
        from ase.io import read, write
        from ase.io.extxyz import key_val_str_to_dict
        from ase.constraints import FixAtoms, FixCartesian
        from ase.calculators.singlepoint import SinglePointCalculator

        def f(x):
            return repr(float(x))

        def typed(v):
            if isinstance(v, (bool, np.bool_)):
                return {"t": "bool", "v": bool(v)}
            if isinstance(v, (int, np.integer)):
                return {"t": "int", "v": int(v)}
            if isinstance(v, (float, np.floating)):
                return {"t": "float", "v": f(v)}
            if isinstance(v, str):
                return {"t": "str", "v": v}
            if isinstance(v, np.ndarray) and v.ndim == 0:
                return typed(v.item())
            a = np.asarray(v)
            flat = a.reshape(-1)  # row-major
            if a.dtype.kind == "b":
                return {"t": "bool[]", "v": [bool(x) for x in flat]}
            if a.dtype.kind in "iu":
                return {"t": "int[]", "v": [int(x) for x in flat]}
            if a.dtype.kind == "f":
                return {"t": "float[]", "v": [f(x) for x in flat]}
            if a.dtype.kind in "UO":
                return {"t": "str[]", "v": [str(x) for x in flat]}
            raise TypeError("cannot dump %r" % (v,))

        def frozen(atoms):
            m = np.zeros((len(atoms), 3), bool)
            for c in atoms.constraints:
                if isinstance(c, FixAtoms):
                    m[c.index] = True
                elif isinstance(c, FixCartesian):
                    m[c.a] |= ~c.mask  # ASE 3.22 stores the movable components in c.mask
                else:
                    raise TypeError(type(c))
            return [bool(x) for x in m.reshape(-1)]

        def dump(images):
            out = []
            for a in images:
                d = {"numbers": [int(z) for z in a.numbers],
                     "positions": [f(x) for x in a.positions.reshape(-1)],
                     "cell": [f(x) for x in np.asarray(a.cell).reshape(-1)],
                     "pbc": [bool(p) for p in a.pbc],
                     "info": {k: typed(v) for k, v in a.info.items()},
                     "arrays": {},
                     "frozen": frozen(a),
                     "results": {}}
                for k, v in a.arrays.items():
                    if k in ("numbers", "positions"):
                        continue
                    d["arrays"][k] = {"type": {"f": "R", "i": "I", "b": "L", "U": "S", "O": "S"}[v.dtype.kind],
                                      "cols": 1 if v.ndim == 1 else int(v.shape[1]),
                                      "v": typed(v)["v"]}
                if a.calc is not None:
                    d["results"] = {k: typed(a.calc.results[k]) for k in ("energy", "forces", "stress") if k in a.calc.results}
                out.append(d)
            return out

        def ase_frames(path):
            rng = np.random.default_rng(7)
            a = Atoms("NH2Cl", positions=rng.normal(size=(4, 3)) * 2,
                      cell=[[5.1, 0, 0], [0.7, 6.2, 0], [0.3, -0.4, 7.3]], pbc=[True, True, False])
            a.new_array("tags_i", np.array([1, -2, 3, 40000]))
            a.new_array("flag", np.array([True, False, True, True]))
            a.new_array("label", np.array(["a", "bb", "c_1", "d"]))
            a.new_array("vel", rng.normal(size=(4, 3)))
            a.new_array("q", rng.normal(size=4))
            a.info.update({"name": "hello world", "quoted": 'say "hi"', "n": 42, "x": -0.125, "yes": True, "no": False,
                           "ints": np.array([1, 2, 3]), "floats": np.array([1.5, -2.25, 1e-7]), "bools": [True, False, True],
                           "words": ["alpha", "beta gamma"], "virial": rng.normal(size=(3, 3)), "third": 1 / 3,
                           "free_energy": -12.3})
            a.calc = SinglePointCalculator(a, energy=-12.345678901234567, forces=rng.normal(size=(4, 3)),
                                           stress=rng.normal(size=6))
            write(path, a, format="extxyz")

            b = Atoms("NH3", positions=[[0, 0, 0.3], [0.9, 0, -0.1], [-0.5, 0.8, -0.1], [-0.5, -0.8, -0.1]])
            b.set_constraint(FixAtoms([0, 2]))
            b.info["generation"] = 1
            b.info["origin"] = "adversarial"
            b.calc = SinglePointCalculator(b, energy=0.5, forces=rng.normal(size=(4, 3)))
            write(path, b, format="extxyz", append=True, columns=["symbols", "positions", "move_mask"])

            c = Atoms("PtO", positions=[[0, 0, 0], [0.5, 0.5, 2.0]], cell=[2.77, 2.77, 20], pbc=True)
            c.set_constraint([FixCartesian(1, mask=(False, False, True))])
            c.calc = SinglePointCalculator(c, energy=2.0)
            write(path, c, format="extxyz", append=True, columns=["symbols", "positions", "move_mask"])

            d = Atoms("Ar", positions=[[0.1, 0.2, 0.3]])
            d.info["comment"] = "no calculator"
            write(path, d, format="extxyz", append=True)

        mode, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
        if mode == "ase_write":
            ase_frames(src)
            result = dump(read(src, index=":", format="extxyz"))
        elif mode == "ase_read":
            result = dump(read(src, index=":", format="extxyz"))
        elif mode == "parse_lines":
            with open(src, encoding="utf-8") as fh:
                result = [{k: typed(v) for k, v in key_val_str_to_dict(line.rstrip("\n")).items()} for line in fh]
        else:
            raise SystemExit("unknown mode " + mode)
        with open(dst, "w", encoding="utf-8") as fh:
            json.dump({"ase": ase.__version__, "frames": result}, fh)
        """;

    /// <summary>Runs the helper script in a mode and returns the parsed JSON output.</summary>
    /// <param name="directory">A scratch directory.</param>
    /// <param name="mode">ase_write, ase_read or parse_lines.</param>
    /// <param name="source">The input (or output, for ase_write) path.</param>
    /// <returns>The JSON document's root.</returns>
    public static JsonElement Run(string directory, string mode, string source)
    {
        if (!File.Exists(Interpreter))
        {
            Assert.Fail($"{Interpreter} is missing. The ASE round-trip tests need Debian's python3 and python3-ase (apt-get install -y python3-ase); CI installs them in .ci/run.");
        }

        string script = Path.Combine(directory, "ase_helper.py");
        string output = Path.Combine(directory, mode + ".json");
        File.WriteAllText(script, Script);
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { script, mode, source, output })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PYTHONUTF8"] = "1";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            if (stderr.Contains("No module named 'ase'", StringComparison.Ordinal) || stderr.Contains("No module named 'numpy'", StringComparison.Ordinal))
            {
                Assert.Fail($"python3-ase is not installed for {Interpreter}. Install it with: apt-get install -y python3-ase (CI installs it in .ci/run).\n{stderr}");
            }

            Assert.Fail($"{Interpreter} {mode} failed with exit code {process.ExitCode}:\n{stderr}\n{stdout.Result}");
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var root = doc.RootElement.Clone();
        string version = root.GetProperty("ase").GetString()!;
        Assert.True(version.StartsWith("3.22", StringComparison.Ordinal), $"These tests pin the conventions of ASE 3.22 (Debian 12's python3-ase); found ASE {version}. Re-check ase/io/extxyz.py before accepting another version.");
        return root.GetProperty("frames");
    }
}
