#!/bin/sh
# fake-dft: a stand-in for a quantum-chemistry program (used by docs/how-to-wrap-a-program.md and its test).
# Usage: fake-dft input.xyz   (plain XYZ, Å)  or  fake-dft --version
# Writes result.out in the working directory: the energy (Hartree) on the first line, then one gradient line per
# atom (Hartree/Bohr), for the harmonic energy E = 0.05 Σ r² with r in Bohr.
if [ "$1" = "--version" ]; then echo "fake-dft version 1.2.3"; exit 0; fi
[ -r "$1" ] || { echo "fake-dft: cannot read '$1'" >&2; exit 2; }
awk 'NR == 1 { n = $1 }
     NR > 2 && NR <= n + 2 { for (k = 2; k <= 4; k++) { r = $k / 0.529177210903; e += 0.05 * r * r; g[NR, k] = 0.1 * r } }
     END {
       printf "%.12f\n", e > "result.out"
       for (i = 3; i <= n + 2; i++) printf "%.12f %.12f %.12f\n", g[i, 2], g[i, 3], g[i, 4] > "result.out"
       printf "fake-dft: SCF converged, E = %.12f Eh\n", e
     }' "$1"
