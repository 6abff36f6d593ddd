#!/usr/bin/env bash
# Runs the whole test suite the way CI does, on a fresh Debian 12 machine of the project's kind.
#  - installs what the integration tests need when it is missing (as root, with apt):
#      python3-ase (extended XYZ round trips with ASE), libtcmalloc-minimal4 (flat native memory for TorchSharp),
#      xtb (the xtb oracle's integration tests run the real program; they fail without it)
#  - runs `dotnet test` on the solution (Release), then prints one line "N passed, N failed, N skipped".
# Usage: bash tests/run-tests.sh [extra dotnet test arguments, e.g. --filter Category!=Acceptance]
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
/usr/bin/python3 -c 'import ase' 2>/dev/null || need+=(python3-ase)
[ -e /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 ] || need+=(libtcmalloc-minimal4)
command -v xtb >/dev/null || need+=(xtb)
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing test prerequisites: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null \
      || echo "warning: could not install ${need[*]}; the tests that need them will fail" >&2
  else
    echo "warning: missing ${need[*]} (install them with apt as root); the tests that need them will fail" >&2
  fi
fi

log=$(mktemp)
dotnet test AdversarialSampling.sln -c Release --settings tests/test.runsettings "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# Sum the per-assembly summaries ("Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total: ...").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi   # build failure or crashed test host
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
