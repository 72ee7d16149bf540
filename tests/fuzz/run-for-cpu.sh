#!/usr/bin/env bash
# Fuzz one target until it has used a given amount of CPU, not wall time (see README.md, "Running").
#
#   tests/fuzz/run-for-cpu.sh TARGET CPU_SECONDS
#
# On a shared machine afl-fuzz's -V (wall seconds) says nothing about how much fuzzing a target got. This runs
# run.sh with FUZZ_RESUME=1 and a long -V, samples the CPU of afl-fuzz's process tree every 5 s, and stops afl-fuzz
# with SIGINT (it then writes fuzzer_stats) once the tree has used CPU_SECONDS. The tree is afl-fuzz and every
# descendant: SharpFuzz's dotnet processes run in a session of their own (AFL's fork server calls setsid), so
# counting a session or run.sh's children misses them. The publish and instrumentation before afl-fuzz starts are
# not counted. Samples go to OUT/cpu.log (OUT as in run.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: run-for-cpu.sh TARGET CPU_SECONDS}"; cap="${2:?usage: run-for-cpu.sh TARGET CPU_SECONDS}"
out="${FUZZ_OUT:-$here/out/$target}"
mkdir -p "$out"
hz=$(getconf CLK_TCK)

# Under the kernel's autogroup scheduling (sched_autogroup_enabled, on in Debian) CPU is shared between sessions
# first and `nice` only counts inside a session; setsid here and in AFL's fork server make new sessions, so a niced
# campaign would take CPU from a build or test run as if it were not niced. Each sample gives the tree's sessions this
# script's nice value (/proc/PID/autogroup, sched(7)).
niceness=$(nice)

# user + system ticks, own and reaped children's, of $1 and all its descendants; sets their autogroup nice
tree_ticks() {
  local top=$1 line rest pid p sum=0
  declare -A parent ticks
  for s in /proc/[0-9]*/stat; do
    read -r line < "$s" 2>/dev/null || continue
    pid=${line%% *}; rest=${line##*) }
    # fields after "comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime
    # cstime
    read -r -a f <<<"$rest"
    parent[$pid]=${f[1]}; ticks[$pid]=$(( f[11] + f[12] + f[13] + f[14] ))
  done
  for pid in "${!ticks[@]}"; do
    p=$pid
    while [ -n "$p" ] && [ "$p" -gt 1 ]; do
      if [ "$p" = "$top" ]; then
        sum=$((sum + ticks[$pid]))
        { echo "$niceness" > "/proc/$pid/autogroup"; } 2>/dev/null || true
        break
      fi
      p=${parent[$p]:-}
    done
  done
  echo "$sum"
}

FUZZ_RESUME=1 FUZZ_OUT="$out" setsid "$here/run.sh" "$target" 1000000 > "$out/run.log" 2>&1 &
session=$!
until afl=$(pgrep -s "$session" -x afl-fuzz); do
  kill -0 "$session" 2>/dev/null || { echo "run-for-cpu.sh: run.sh ended before afl-fuzz started; see $out/run.log" >&2
    exit 1; }
  sleep 2
done
echo "$(date -u +%FT%TZ) $target: afl-fuzz $afl started, stopping at ${cap} CPU-seconds" | tee -a "$out/cpu.log"
start=$(date +%s); used=0
while kill -0 "$afl" 2>/dev/null; do
  used=$(( $(tree_ticks "$afl") / hz ))
  echo "$(date -u +%FT%TZ) cpu ${used}s wall $(( $(date +%s) - start ))s" >> "$out/cpu.log"
  if [ "$used" -ge "$cap" ]; then kill -INT "$afl"; break; fi
  sleep 5
done
wait "$session" || true
echo "$(date -u +%FT%TZ) $target: stopped after ${used} CPU-seconds (last sample), $(( $(date +%s) - start )) s wall" \
  | tee -a "$out/cpu.log"
tail -n 1 "$out/run.log"
