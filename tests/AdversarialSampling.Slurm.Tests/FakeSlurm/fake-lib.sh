# Shared state of the fake SLURM commands (unit tier). They replay the outputs and exit codes measured on Debian 12's
# SLURM 22.05 (docs: reliability.md §5). State lives in "$(dirname "$0")/state":
#   jobs/ID           one line: NAME|STATE|REASON|COMMENT|EXITCODE|DIR|SCRIPT|RUNAFTER
#   jobs/ID.purged    the controller no longer lists the job (squeue/scontrol), accounting still does
#   next-id           the next job id
#   job.queue         behaviours of the next submissions, one per line (default "run"):
#                       run          the job runs at once (the script is executed) and ends COMPLETED (FAILED if it exits ≠ 0)
#                       live:N       the job is RUNNING for N squeue calls, then runs as above
#                       die:STATE[:EXIT]  the job ends in STATE without running (e.g. die:TIMEOUT, die:FAILED:91)
#                       held         the job stays PENDING, "launch failed requeued held" (SLURM's hold after a failed launch)
#                       forget       sbatch prints an id, but the controller forgets the job (kill -9 of slurmctld)
#   sbatch.queue      results of the next sbatch calls, one per line: ok | down | reject (default ok)
#   down              "always" or a count: the controller is unreachable (for that many more commands)
#   sacct             disabled0 (message, exit 0: reliability.md §5) | disabled1 (message, exit 1: measured here) | on
#   calls.log         one line per command call: NAME ARGS
state="$(cd "$(dirname "$0")" && pwd)/state"
mkdir -p "$state/jobs"
# One command at a time, like the controller's single state.
exec 9>>"$state/.lock"
flock 9
echo "$(basename "$0") $*" >> "$state/calls.log"

controller_down() { # prints the client's message and returns 0 when the controller is "down"
  local f="$state/down"
  [ -f "$f" ] || return 1
  local v; v=$(cat "$f")
  if [ "$v" != always ]; then
    if [ "${v:-0}" -le 0 ]; then rm -f "$f"; return 1; fi
    echo $((v - 1)) > "$f"
  fi
  return 0
}

pop_line() { # FILE: prints and removes the first line (empty when none)
  local f="$1"
  [ -s "$f" ] || return 0
  head -n 1 "$f"
  tail -n +2 "$f" > "$f.tmp" && mv "$f.tmp" "$f"
}

job_field() { # ID N
  cut -d'|' -f"$2" "$state/jobs/$1"
}

set_job() { # ID NAME STATE REASON COMMENT EXIT DIR SCRIPT RUNAFTER
  echo "$2|$3|$4|$5|$6|$7|$8|$9" > "$state/jobs/$1"
}

run_job() { # ID: executes the job script like slurmd would, then records the end state
  local id=$1 name st reason comment dir script code
  IFS='|' read -r name st reason comment _ dir script _ < "$state/jobs/$id"
  (cd "$dir" && SLURM_JOB_ID=$id bash "$script" > "$dir/slurm-$id.out" 2>&1)
  code=$?
  if [ "$code" = 0 ]; then set_job "$id" "$name" COMPLETED None "$comment" 0:0 "$dir" "$script" 0
  else set_job "$id" "$name" FAILED NonZeroExitCode "$comment" "$code:0" "$dir" "$script" 0; fi
}

listed_ids() { # ids the controller still lists, ascending
  for f in "$state"/jobs/*; do
    case "$f" in *.purged|*'*') continue ;; esac
    [ -e "$f.purged" ] && continue
    basename "$f"
  done | sort -n
}

is_live() { case "$1" in PENDING|RUNNING|COMPLETING|CONFIGURING|SUSPENDED|REQUEUED) return 0 ;; *) return 1 ;; esac; }
