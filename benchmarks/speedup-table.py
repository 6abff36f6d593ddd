"""Markdown table of a side-by-side run (benchmarks/compare-attack.sh, compare-training.sh).

Reads the results file those scripts write, one line per timing: "ref WIDTH 1 - JSON" for the PyTorch baseline and
"ours WIDTH THREADS MODE JSON" for this library, JSON being the timing's summary line (median_seconds, evaluation,
torch). Prints the title line and a table with the speed-up of each of our rows against the baseline of its width.

Usage: python3 speedup-table.py RESULTS DEPTH BASELINE_NAME SECONDS_HEADER DIGITS STEPS TITLE
  STEPS 0 leaves out the ms/step column; TITLE may contain {torch} (the baseline's PyTorch version).
"""
import json
import sys

results, depth, baseline_name, seconds_header, digits, steps, title = sys.argv[1:8]
depth, digits, steps = int(depth), int(digits), int(steps)
rows = [line.split(" ", 4) for line in open(results) if line.strip()]
ref = {w: json.loads(j) for kind, w, t, m, j in rows if kind == "ref"}
print()
print(title.replace("{torch}", next(iter(ref.values()))["torch"]))
print()
step_header, step_rule = (" ms/step |", "---|") if steps else ("", "")
print(f"| committee | implementation | threads | evaluation | {seconds_header} |{step_header} speed-up vs baseline |")
print(f"|---|---|---|---|---|{step_rule}---|")
for kind, w, t, m, j in rows:
    d = json.loads(j)
    sec = d["median_seconds"]
    per_step = f" {1000 * sec / steps:.2f} |" if steps else ""
    committee = f"5×({depth}×{w})"
    if kind == "ref":
        print(f"| {committee} | {baseline_name} | 1 | per-member | {sec:.{digits}f} |{per_step} 1.00× |")
    else:
        print(f"| {committee} | AdversarialSampling | {t} | {d['evaluation']} | {sec:.{digits}f} |{per_step} {ref[w]['median_seconds'] / sec:.2f}× |")
