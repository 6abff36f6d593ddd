#!/usr/bin/env bash
# Runs the whole test suite the way CI does, on a fresh Debian 12 machine of the project's kind.
#  - installs what the integration tests need when it is missing (as root, with apt):
#      python3-ase (extended XYZ round trips with ASE), libtcmalloc-minimal4 (flat native memory for TorchSharp),
#      xtb (the xtb oracle's integration tests run the real program; they fail without it)
#  - brings up a private one-node SLURM cluster for the Category=Slurm tests (tests/slurm/slurm-up.sh: installs
#      slurmctld slurmd slurm-client munge with apt when missing; root only), exports SLURM_CONF and AS_SLURM_DIR,
#      and stops it again on exit (tests/slurm/slurm-down.sh, daemons stopped by PID). Set AS_SLURM=0 to skip it
#      (the SLURM tests then report themselves skipped, with the reason); with AS_SLURM_DIR set (a test cluster that
#      is already up, from its env.sh) that cluster is used. A site's own SLURM_CONF is never used by the tests.
#  - runs `dotnet test` on the solution (Release), then prints one line "N passed, N failed, N skipped".
#    Without a --filter argument the slow tier (Category=Slow: SLURM walltime, ~2 min) is excluded, and a line says so;
#    run it with `bash tests/run-tests.sh --filter Category=Slow`.
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

slurm_dir=
if [ "${AS_SLURM:-1}" != 0 ] && [ -z "${AS_SLURM_DIR:-}" ]; then
  if [ "$(id -u)" = 0 ]; then
    slurm_dir=$(mktemp -d /tmp/as-slurm.XXXXXX)
    trap 'bash tests/slurm/slurm-down.sh "$slurm_dir"' EXIT
    if bash tests/slurm/slurm-up.sh "$slurm_dir" >/dev/null; then
      # shellcheck disable=SC1091
      . "$slurm_dir/env.sh"
      echo "SLURM test cluster up: SLURM_CONF=$SLURM_CONF"
    else
      echo "warning: the SLURM test cluster did not come up; the Category=Slurm tests will report themselves skipped" >&2
    fi
  else
    echo "warning: not root, no SLURM test cluster; the Category=Slurm tests will report themselves skipped" >&2
  fi
fi

filter=()
case " $* " in
  *" --filter "*|*" --filter="*) ;;
  *) filter=(--filter "Category!=Slow"); echo "Excluding the slow tier (Category=Slow); run it with: bash tests/run-tests.sh --filter Category=Slow" ;;
esac

log=$(mktemp)
dotnet test AdversarialSampling.sln -c Release --settings tests/test.runsettings "${filter[@]}" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# Sum the per-assembly summaries ("Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total: ...").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi   # build failure or crashed test host
if ((${#filter[@]})); then echo "(tests of Category=Slow were not run and are not counted)"; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
