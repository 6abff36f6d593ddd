#!/usr/bin/env bash
# Brings up a private one-node SLURM cluster (munge + slurmctld + slurmd) for the SLURM test tier
# (docs/how-to-run-on-a-cluster.md, shared settings in reliability.md §5). Everything it creates — munge key and
# socket, slurm.conf, state, spool, logs, PID files — lives under ONE scratch directory; the daemons listen on
# loopback ports and are stopped by PID (tests/slurm/slurm-down.sh DIR). Needs root (the daemons run as root without
# systemd) and the Debian 12 packages slurmctld slurmd slurm-client munge (installed with apt when missing).
#
# Usage: bash tests/slurm/slurm-up.sh [DIR]     (DIR default: a new /tmp/as-slurm.XXXXXX)
# Prints shell assignments on its last lines (eval them):  SLURM_CONF=DIR/slurm.conf  AS_SLURM_DIR=DIR
# and writes the same to DIR/env.sh. Exit 0 when the node is idle and a test job ran; non-zero (and a log tail) otherwise.
set -euo pipefail

dir=${1:-$(mktemp -d /tmp/as-slurm.XXXXXX)}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
say() { echo "slurm-up: $*" >&2; }

if [ "$(id -u)" != 0 ]; then say "must run as root (the test cluster's daemons run as root)"; exit 2; fi

need=()
for c in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge; do
  command -v "${c%%:*}" >/dev/null 2>&1 || need+=("${c#*:}")
done
if ((${#need[@]})); then
  say "installing ${need[*]} with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; }
fi

# Daemons installed by the packages may have been started by their maintainer scripts on some systems: we never
# touch them; ours use their own socket, ports and files.
host=$(hostname -s)
mkdir -p "$dir"/{munge,state,spool,log,run}
chmod 700 "$dir/munge"

# munge: private key and socket.
if [ ! -s "$dir/munge/munge.key" ]; then
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 400 "$dir/munge/munge.key"
socket="$dir/munge/munge.socket"

# Two free loopback ports.
free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  return 1
}
if [ -s "$dir/ports" ]; then read -r ctld_port slurmd_port < "$dir/ports"; else
  ctld_port=$(free_port); slurmd_port=$(free_port)
  while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
  echo "$ctld_port $slurmd_port" > "$dir/ports"
fi

node=$(slurmd -C | head -1)
cpus=$(sed -E 's/.*CPUs=([0-9]+).*/\1/' <<<"$node")
mem=$(sed -E 's/.*RealMemory=([0-9]+).*/\1/' <<<"$node")
# Sockets/cores as detected, memory as detected (jobs asking for more are rejected at submission).
node_line=$(sed -E 's/ UpTime=.*//' <<<"$node")

cat > "$dir/slurm.conf" <<CONF
# Private one-node test cluster (tests/slurm/slurm-up.sh); everything under $dir.
ClusterName=astest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.log
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
ReturnToService=2
SlurmdParameters=config_overrides
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

export SLURM_CONF="$dir/slurm.conf"

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if ! alive "$dir/munge/munged.pid"; then
  munged --key-file="$dir/munge/munge.key" --socket="$socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed" --force
fi
if ! alive "$dir/run/slurmctld.pid"; then
  if [ -e "$dir/state/node_state" ]; then slurmctld -f "$SLURM_CONF"; else slurmctld -c -f "$SLURM_CONF"; fi
fi
if ! alive "$dir/run/slurmd.pid"; then
  slurmd -f "$SLURM_CONF"
fi

# Wait (≤ 30 s) for the node to be idle, then run a test job.
ok=0
for _ in $(seq 60); do
  state=$(sinfo -h -n "$host" -o '%T' 2>/dev/null || true)
  case "$state" in
    idle|mixed|allocated) ok=1; break ;;
    drain*|down*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
  esac
  sleep 0.5
done
if [ "$ok" != 1 ]; then
  say "the node did not become idle (state '${state:-?}')"
  tail -n 20 "$dir"/log/*.log >&2 || true
  exit 1
fi
if ! out=$(srun -N1 -n1 -t 1 true 2>&1); then
  say "a test job failed: $out"; tail -n 20 "$dir"/log/slurmd.log >&2 || true; exit 1
fi

printf 'export SLURM_CONF=%q\nexport AS_SLURM_DIR=%q\n' "$SLURM_CONF" "$dir" > "$dir/env.sh"
say "cluster up in $dir (controller port $ctld_port, $cpus CPUs, ${mem} MB)"
cat "$dir/env.sh"
