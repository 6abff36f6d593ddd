#!/usr/bin/env python3
"""GFN2-xTB energies of attacked NH3 geometries (a second opinion on where the attack went).

Usage: python3 benchmarks/nh3-attack-xtb.py DIR
  DIR: the folder written by `--nh3-attack-report --write DIR` (attack-NN.extxyz, one file per setting).
Needs the `xtb` program (Debian package `xtb`). Energies are relative to the GFN2-xTB minimum (tight optimisation of
the lowest-energy generation-0 frame of samples/data/ammonia-bp86), in eV; GFN2-xTB is not the BP86-D3 of the data,
so read them as a qualitative check (is the geometry near the minimum, near the inversion barrier, or far above?).
Prints, per setting, the median and maximum energy and one line per distinct attacked geometry.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

HARTREE = 27.211386245988
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "data", "ammonia-bp86", "ammonia-bp86.extxyz")


def frames(path):
    lines = open(path).read().split("\n")
    i, out = 0, []
    while i < len(lines) and lines[i].strip():
        n = int(lines[i])
        out.append((lines[i + 1], [l.split()[:4] for l in lines[i + 2:i + 2 + n]]))
        i += n + 2
    return out


def xtb(atoms, workdir, optimise=False):
    with open(os.path.join(workdir, "m.xyz"), "w") as f:
        f.write(f"{len(atoms)}\n\n" + "".join(" ".join(a) + "\n" for a in atoms))
    args = ["xtb", "m.xyz", "--gfn", "2"] + (["--opt", "tight"] if optimise else [])
    run = subprocess.run(args, cwd=workdir, capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS="1"))
    energies = re.findall(r"TOTAL ENERGY\s+(-?\d+\.\d+)", run.stdout)
    if not energies:
        sys.exit(f"xtb failed: {run.stderr[-500:]}")
    return float(energies[-1]) * HARTREE


def value(comment, key):
    return float(re.search(key + r"=(\S+)", comment).group(1))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as work:
        initial = [(value(c, "energy"), a) for c, a in frames(DATA) if "generation=0" in c]
        minimum = xtb(min(initial, key=lambda x: x[0])[1], work, optimise=True)
        for path in sorted(glob.glob(os.path.join(sys.argv[1], "attack-*.extxyz"))):
            rows, name = [], os.path.basename(path)
            for comment, atoms in frames(path):
                name = re.search(r'setting="([^"]+)"', comment).group(1)
                rows.append((value(comment, "pyramid_height"), value(comment, "committee_energy"),
                             value(comment, "committee_force_var"), xtb(atoms, work) - minimum))
            energies = sorted(r[3] for r in rows)
            print(f"{name}: GFN2-xTB energy above the minimum, median {energies[len(energies) // 2]:.3f} eV, max {energies[-1]:.3f} eV")
            for h, e, u, x in sorted({(round(h, 3), round(e, 3), round(u, 4), round(x, 3)) for h, e, u, x in rows}):
                count = sum(1 for r in rows if (round(r[0], 3), round(r[1], 3), round(r[2], 4), round(r[3], 3)) == (h, e, u, x))
                print(f"  {count:2d} × h {h:.3f} Å  committee Ē {e:.3f} eV  u_F {u:.4f} eV²/Å²  GFN2-xTB {x:.3f} eV")


if __name__ == "__main__":
    main()
