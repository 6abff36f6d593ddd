#!/usr/bin/env bash
# Side-by-side timing of the adversarial attack: this library (TorchSharp) against the PyTorch baseline
# benchmarks/baseline/reference_attack.py (eager PyTorch, the paper's toy setup), on the same problem in one run:
# 2D double well, 5-member MLP committees (4 linear layers, widths 128 and 1024), 100 seeds, 600 Adam steps,
# float32, median wall time of 3 repetitions.
#
#  - Baseline: the tuned settings of its header (1 torch thread, OpenBLAS AVX-512 kernel, tcmalloc); its
#    committee weights stay trainable, as in the paper's code.
#  - Ours: LD_PRELOAD=libtcmalloc_minimal.so.4 (the configuration the README tells users to run), weights frozen,
#    at each thread count of THREADS, with each evaluation layout of MODES (auto = stacked up to width 256,
#    per-member loop above; stacked; permember).
#
# Needs /usr/bin/python3 with python3-torch and libtcmalloc-minimal4 (apt-get install python3-torch libtcmalloc-minimal4).
# Usage: bash benchmarks/compare-attack.sh            (environment overrides: WIDTHS="128 1024" THREADS="1 2"
#        MODES="auto" SEEDS=100 STEPS=600 REPS=3 DEPTH=4)
# Prints every JSON line it gets, then a Markdown table (paste it into docs; quote the machine and its load).
set -euo pipefail
cd "$(dirname "$0")/.."
WIDTHS=${WIDTHS:-"128 1024"}
THREADS=${THREADS:-"1 2"}
MODES=${MODES:-"auto"}
SEEDS=${SEEDS:-100}
STEPS=${STEPS:-600}
REPS=${REPS:-3}
DEPTH=${DEPTH:-4}
TCMALLOC=libtcmalloc_minimal.so.4

dotnet build benchmarks/AdversarialSampling.Benchmarks -c Release -v quiet -nologo >/dev/null
app=benchmarks/AdversarialSampling.Benchmarks/bin/Release/net10.0/AdversarialSampling.Benchmarks.dll
results=$(mktemp)
trap 'rm -f "$results"' EXIT

summary() { grep '"summary"' | tail -1; }

for width in $WIDTHS; do
  echo "== width $width: PyTorch baseline (tuned: 1 thread, OpenBLAS, tcmalloc) =="
  line=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_PRELOAD=$TCMALLOC /usr/bin/python3 benchmarks/baseline/reference_attack.py \
    attack --width "$width" --depth "$DEPTH" --seeds "$SEEDS" --steps "$STEPS" --threads 1 --reps "$REPS" | tee /dev/stderr | summary)
  echo "ref $width 1 - $line" >>"$results"
  for mode in $MODES; do
    for threads in $THREADS; do
      echo "== width $width: AdversarialSampling, $threads thread(s), evaluation $mode =="
      line=$(LD_PRELOAD=$TCMALLOC dotnet "$app" --timing attack --width "$width" --depth "$DEPTH" --seeds "$SEEDS" \
        --steps "$STEPS" --threads "$threads" --reps "$REPS" --evaluation "$mode" | tee /dev/stderr | summary)
      echo "ours $width $threads $mode $line" >>"$results"
    done
  done
done

/usr/bin/python3 benchmarks/speedup-table.py "$results" "$DEPTH" "PyTorch reference_attack.py" "wall time (s)" 2 "$STEPS" \
  "Attack, 2D double well, $SEEDS seeds x $STEPS steps, float32, median of the repetitions (baseline: PyTorch {torch}, tuned, weights trainable; ours: tcmalloc, weights frozen)."
