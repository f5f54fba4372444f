#!/usr/bin/env bash
# Stops and/or starts ONE component of the local topology (for drills), with the exact command
# start.sh used (saved in $BASE/run/<name>.cmd):
#   restart.sh relay-node1              rolling update of one node: SIGTERM, wait for the drain
#                                       (up to 45 s), start again, wait until /health is 200,
#                                       then SETTLE_SECONDS (12) for Nginx's fail_timeout
#   restart.sh --kill redis-node1       SIGKILL (a crash: failover drill); nothing is started
#   restart.sh --stop-only <name>       SIGTERM and wait
#   restart.sh --start-only <name>      start it again (e.g. the killed master: it comes back as
#                                       an empty master and Sentinel turns it into a replica, ~10 s)
# Names: redis-node1 redis-node2 sentinel-node1..3 relay-node1..2 nginx-lb
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mode=restart
case ${1:-} in
  --kill) mode=kill; shift ;;
  --stop-only) mode=stop; shift ;;
  --start-only) mode=start; shift ;;
esac
name=${1:-}
[[ -n "$name" ]] && components | grep -qx -- "$name" || die "usage: $0 [--kill|--stop-only|--start-only] <$(components | paste -sd'|' -)>"
[[ -f "$RUN_DIR/$name.cmd" ]] || die "$RUN_DIR/$name.cmd is missing: was the topology started with start.sh?"

if [[ $mode != start ]]; then
  if pid=$(our_pid "$name"); then
    if [[ $mode == kill ]]; then
      kill -KILL "$pid"; log "$name: SIGKILL sent (pid $pid)"
    else
      kill -TERM "$pid"; log "$name: SIGTERM sent (pid $pid), waiting for it to exit"
    fi
    for _ in $(seq 1 225); do [[ -d /proc/$pid ]] || break; sleep 0.2; done
    [[ ! -d /proc/$pid ]] || die "$name (pid $pid) still running after 45 s"
    rm -f "$RUN_DIR/$name.pid"
    log "$name: exited"
  else
    log "$name: was not running"
  fi
  [[ $mode == restart ]] || exit 0
fi

our_pid "$name" >/dev/null && die "$name is already running"
# shellcheck disable=SC1090
source "$RUN_DIR/$name.cmd"   # sets the folder (cd), out, marker and cmd
nohup "${cmd[@]}" > "$out" 2>&1 < /dev/null &
new_pid=$!
record_pid "$name" "$new_pid" "$marker"
log "$name: started (pid $new_pid)"

port=""
case $name in
  redis-node1) port=$REDIS_MASTER_PORT ;;
  redis-node2) port=$REDIS_REPLICA_PORT ;;
  sentinel-node*) port=${SENTINEL_PORT_LIST[$((${name#sentinel-node} - 1))]} ;;
  relay-node*) port=${RELAY_PORT_LIST[$((${name#relay-node} - 1))]} ;;
  nginx-lb) port=$NGINX_PORT ;;
esac
for _ in $(seq 1 180); do
  # (not our_pid: redis-server rewrites its cmdline to the marker only once it is up)
  [[ -d /proc/$new_pid ]] || die "$name exited during start; see $out"
  case $name in
    relay-node*)
      if [[ $(http_code "http://127.0.0.1:$port/health") == 200 ]]; then
        log "$name: healthy on :$port"
        # Nginx's passive check (max_fails=3 fail_timeout=10s) may have marked this node down while
        # it was away; it tries it again only after fail_timeout. Stopping the other node before
        # that leaves Nginx with "no live upstreams" (502). So wait before the next node.
        if our_pid nginx-lb >/dev/null && [[ $mode == restart ]]; then
          log "$name: waiting ${SETTLE_SECONDS:-12} s for nginx-lb to take it back (fail_timeout 10s) before you touch the other node"
          sleep "${SETTLE_SECONDS:-12}"
        fi
        exit 0
      fi ;;
    *) port_in_use "$port" && { log "$name: listening on :$port"; exit 0; } ;;
  esac
  sleep 0.5
done
die "$name did not become ready within 90 s; see $out"
