#!/usr/bin/env bash
# Stops what deploy/local/start.sh started in ${BASE:-/tmp/claude-relay-local}, and nothing else:
# a process is signalled only when its pid file names it AND /proc/<pid>/cmdline still carries
# the marker start.sh recorded. Order: nginx-lb, relay nodes (SIGTERM: graceful drain, up to
# 45 s), sentinels, Redis nodes; each group is waited for before the next.
#   --force   SIGKILL what is still alive after the wait
#   --purge   afterwards delete $BASE (secrets, admin credentials, logs): a fresh start
set -uo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
force=0; purge=0
for a in "$@"; do
  case $a in
    --force) force=1 ;;
    --purge) purge=1 ;;
    *) die "usage: $0 [--force] [--purge]" ;;
  esac
done

rc=0
# stop_group <timeout-seconds> <name>...
stop_group() {
  local timeout=$1; shift
  local name pid pids=() names=()
  for name in "$@"; do
    [[ -f "$RUN_DIR/$name.pid" ]] || continue
    if pid=$(our_pid "$name"); then
      kill -TERM "$pid" 2>/dev/null && { pids+=("$pid"); names+=("$name"); }
    else
      log "$name: not running (stale pid file removed)"
      rm -f "$RUN_DIR/$name.pid"
    fi
  done
  (( ${#pids[@]} > 0 )) || return 0
  local deadline=$((SECONDS + timeout)) alive i
  while :; do
    alive=0
    for i in "${!pids[@]}"; do [[ -d /proc/${pids[$i]} ]] && alive=1; done
    (( alive == 0 || SECONDS >= deadline )) && break
    sleep 0.2
  done
  for i in "${!pids[@]}"; do
    if [[ -d /proc/${pids[$i]} ]]; then
      if (( force )); then
        kill -KILL "${pids[$i]}" 2>/dev/null; log "${names[$i]}: killed (pid ${pids[$i]}) after ${timeout} s"
        rm -f "$RUN_DIR/${names[$i]}.pid"
      else
        warn "${names[$i]} (pid ${pids[$i]}) still running after ${timeout} s; rerun with --force"; rc=1
      fi
    else
      log "${names[$i]}: stopped (pid ${pids[$i]})"; rm -f "$RUN_DIR/${names[$i]}.pid"
    fi
  done
}

[[ -d "$RUN_DIR" ]] || log "nothing recorded in $RUN_DIR"
all=$(components)
relays=$(grep -o 'relay-node[0-9]*' <<< "$all" | tr '\n' ' ')
sentinels=$(grep -o 'sentinel-node[0-9]*' <<< "$all" | tr '\n' ' ')
stop_group 10 nginx-lb
# shellcheck disable=SC2086
stop_group 45 $relays
# shellcheck disable=SC2086
stop_group 10 $sentinels
stop_group 10 redis-node2 redis-node1

if (( purge )); then
  if (( rc != 0 )); then
    warn "not purging $BASE: something is still running"
  elif [[ -f "$BASE/.claude-relay-local" ]]; then
    rm -rf -- "$BASE"; log "purged $BASE"
  else
    warn "not purging $BASE: it has no .claude-relay-local marker (not created by start.sh)"
  fi
fi
exit $rc
