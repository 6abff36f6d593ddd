#!/usr/bin/env bash
# Side-by-side timing of one committee training epoch: this library (TorchSharp) against the PyTorch baseline
# benchmarks/baseline/reference_attack.py `train` mode, on the same workload in one run: 2D double well,
# 5-member MLP committees (4 linear layers, widths 128 and 1024), 800 points, minibatches of 35,
# loss MSE(E) + 10·MSE(F), Adam 1e-3, float32; median wall time of REPS epochs.
#
#  - Baseline: the tuned settings of its header (1 torch thread, OpenBLAS AVX-512 kernel via
#    `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`, tcmalloc).
#  - Ours: `--timing train` of the benchmark app (the library's trainer, TorchCommittee.Train, one warm-up epoch
#    then REPS timed epochs), LD_PRELOAD=libtcmalloc_minimal.so.4 (the configuration the README tells users to
#    run), at each thread count of THREADS, with each evaluation layout of MODES (auto = stacked up to width 256,
#    per-member loop above; stacked; permember).
#
# Needs /usr/bin/python3 with python3-torch and libtcmalloc-minimal4 (apt-get install python3-torch libtcmalloc-minimal4).
# Usage: bash benchmarks/compare-training.sh          (environment overrides: WIDTHS="128 1024" THREADS="1 2"
#        MODES="auto" POINTS=800 BATCH=35 REPS=5 DEPTH=4)
# Prints every JSON line it gets, then a Markdown table; "speed-up" = baseline epoch time / ours (> 1: ours faster).
set -euo pipefail
cd "$(dirname "$0")/.."
WIDTHS=${WIDTHS:-"128 1024"}
THREADS=${THREADS:-"1 2"}
MODES=${MODES:-"auto"}
POINTS=${POINTS:-800}
BATCH=${BATCH:-35}
REPS=${REPS:-5}
DEPTH=${DEPTH:-4}
TCMALLOC=libtcmalloc_minimal.so.4

dotnet build benchmarks/AdversarialSampling.Benchmarks -c Release -v quiet -nologo >/dev/null
app=benchmarks/AdversarialSampling.Benchmarks/bin/Release/net10.0/AdversarialSampling.Benchmarks.dll
results=$(mktemp)
trap 'rm -f "$results"' EXIT

summary() { grep '"summary"' | tail -1; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)" >&2
for width in $WIDTHS; do
  echo "== width $width: PyTorch baseline train (tuned: 1 thread, OpenBLAS, tcmalloc) ==" >&2
  line=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_PRELOAD=$TCMALLOC /usr/bin/python3 benchmarks/baseline/reference_attack.py \
    train --width "$width" --depth "$DEPTH" --points "$POINTS" --batch "$BATCH" --threads 1 --reps "$REPS" | tee /dev/stderr | summary)
  echo "ref $width 1 - $line" >>"$results"
  for mode in $MODES; do
    for threads in $THREADS; do
      echo "== width $width: AdversarialSampling, $threads thread(s), evaluation $mode ==" >&2
      line=$(LD_PRELOAD=$TCMALLOC dotnet "$app" --timing train --width "$width" --depth "$DEPTH" --points "$POINTS" \
        --batch "$BATCH" --threads "$threads" --reps "$REPS" --evaluation "$mode" | tee /dev/stderr | summary)
      echo "ours $width $threads $mode $line" >>"$results"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

/usr/bin/python3 benchmarks/speedup-table.py "$results" "$DEPTH" "PyTorch reference_attack.py train" "epoch (s)" 3 0 \
  "One training epoch, 2D double well, $POINTS points, minibatches of $BATCH, MSE(E) + 10·MSE(F), Adam, float32, median of the repetitions (baseline: PyTorch {torch}, tuned; ours: tcmalloc)."
