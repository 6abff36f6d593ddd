#!/usr/bin/env bash
# Stops the private test cluster of tests/slurm/slurm-up.sh: cancels its jobs, then stops slurmd, slurmctld and
# munged by the PIDs in their PID files (never by name), and removes the directory unless --keep is given.
# Usage: bash tests/slurm/slurm-down.sh DIR [--keep]
set -uo pipefail
dir=${1:?usage: slurm-down.sh DIR [--keep]}
[ -d "$dir" ] || exit 0
dir=$(cd "$dir" && pwd)
export SLURM_CONF="$dir/slurm.conf"

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Cancel every job of this private cluster and give the job steps a moment to end (their processes are children of
# slurmstepd, not of slurmd, and would survive it).
if alive "$dir/run/slurmctld.pid"; then
  scancel --full --user=root >/dev/null 2>&1 || true
  for _ in $(seq 20); do
    [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
    sleep 0.5
  done
fi

stop() { # PIDFILE
  alive "$1" || return 0
  local pid; pid=$(cat "$1")
  kill "$pid" 2>/dev/null
  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
}
stop "$dir/run/slurmd.pid"
stop "$dir/run/slurmctld.pid"
stop "$dir/munge/munged.pid"

if [ "${2:-}" != --keep ]; then rm -rf "$dir"; fi
