#!/usr/bin/env bash
# Streams scenario (issue 14): many simultaneous long SSE streams through one relay node on the
# embedded store, to one upstream host. Starts a fake upstream (FAKE_EVENTS deltas FAKE_GAP_MS apart),
# one relay, and bench/tools/StreamLoad.java (a separate process, so the relay's descriptors are its
# own); per load level prints completed, failed by reason, TTFB p50/p99, per-event delivery p99
# (what the relay adds to the gap between events), relay RSS (VmHWM) and CPU, /health answers.
# Not part of the test suite; nothing is written outside bench/out-streams/.
#
# Knobs: LEVELS ("1000 4000 8000"), RAMP_S (10), FAKE_EVENTS (5), FAKE_GAP_MS (2000), FAKE_THREADS (2),
#        RELAY_JAVA_OPTS (the documented default of ./relay), JAR (relay-server/target/claude-relay.jar),
#        DIRECT=1 also runs each level straight at the fake (the baseline for "added").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
LEVELS=${LEVELS:-"1000 4000 8000"}
RAMP_S=${RAMP_S:-10}
FAKE_EVENTS=${FAKE_EVENTS:-5}
FAKE_GAP_MS=${FAKE_GAP_MS:-2000}
RELAY_JAVA_OPTS=${RELAY_JAVA_OPTS:-"-Xms128m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"}
JAR=${JAR:-$ROOT/relay-server/target/claude-relay.jar}
DIRECT=${DIRECT:-1}
OUT=${OUT:-$ROOT/bench/out-streams}
export BODY_FILE=$ROOT/bench/body.json
log() { printf '[streams %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Every process holds thousands of sockets: raise the soft descriptor limit to the hard one.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "descriptor limit $(ulimit -n); load $(cut -d' ' -f1-3 /proc/loadavg)"

rm -rf "$OUT"; mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 30000 )); ss -ltnH "sport = :$p" | grep -q . || { echo "$p"; return; }; done; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

FAKE_PORT=$(free_port)
FAKE_PORT=$FAKE_PORT FAKE_EVENTS=$FAKE_EVENTS FAKE_GAP_MS=$FAKE_GAP_MS FAKE_THREADS=${FAKE_THREADS:-2} \
  java -Xmx512m -cp "$JAR" bench/fake/FakeUpstream.java >"$OUT/fake.log" 2>&1 &
PIDS+=($!)

RELAY_PORT=$(free_port)
ADMIN_PASSWORD=$(openssl rand -hex 16)
mkdir -p "$OUT/relay"
(
  cd "$OUT/relay"
  export PORT=$RELAY_PORT HOST=127.0.0.1 DATA_DIR=./data LOG_DIR=./logs ADMIN_USERNAME=bench_admin ADMIN_PASSWORD
  export JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n') ENCRYPTION_KEY=$(openssl rand -base64 32 | tr -d '\n')
  export LOG_LEVEL=${LOG_LEVEL:-warn}
  # shellcheck disable=SC2086
  exec java $RELAY_JAVA_OPTS -jar "$JAR" serve >"$OUT/relay/stdout.log" 2>&1
) &
RELAY_PID=$!; PIDS+=($RELAY_PID)
for _ in $(seq 1 600); do curl -fs -o /dev/null "http://127.0.0.1:$RELAY_PORT/health" && break; sleep 0.1; done
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$FAKE_PORT/" && break; sleep 0.1; done
base="http://127.0.0.1:$RELAY_PORT"
token=$(curl -fsS -H 'content-type: application/json' -d "{\"username\":\"bench_admin\",\"password\":\"$ADMIN_PASSWORD\"}" \
  "$base/web/auth/login" | jq -r .token)
curl -fsS -o /dev/null -H 'content-type: application/json' -H "authorization: Bearer $token" \
  -d "{\"name\":\"bench-upstream\",\"apiUrl\":\"http://127.0.0.1:$FAKE_PORT\",\"apiKey\":\"sk-ant-bench-0000\",\"priority\":50}" \
  "$base/admin/claude-console-accounts"
KEY=$(curl -fsS -H 'content-type: application/json' -H "authorization: Bearer $token" -d '{"name":"bench-key"}' \
  "$base/admin/api-keys" | jq -r .data.apiKey)
log "relay pid $RELAY_PID on $RELAY_PORT, fake on $FAKE_PORT; RSS idle $(( $(kb $RELAY_PID VmRSS) / 1024 )) MB"

run() { # label url key
  local out="$OUT/$1.txt" c0 c1
  c0=$(cpu_ticks "$RELAY_PID")
  LOAD_URL=$2 LOAD_KEY=$3 LOAD_STREAMS=$n LOAD_RAMP_S=$RAMP_S LOAD_HEALTH_URL="$base/health" \
    java -Xmx1g -cp "$JAR" "$ROOT/bench/tools/StreamLoad.java" >"$out" 2>"$OUT/$1.err" || true
  c1=$(cpu_ticks "$RELAY_PID")
  { echo "relay_cpu_ms=$(( (c1 - c0) * TICK_MS ))"; echo "relay_rss_mb=$(( $(kb $RELAY_PID VmRSS) / 1024 ))";
    echo "relay_hwm_mb=$(( $(kb $RELAY_PID VmHWM) / 1024 ))"; echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"; } >>"$out"
  log "$1: $(tr '\n' ' ' <"$out")"
}
# Warm-up: a few hundred streams so the JIT has seen the path.
n=200; run warmup "$base/api/v1/messages" "$KEY"
for n in $LEVELS; do
  if [ "$DIRECT" = 1 ]; then run "direct-$n" "http://127.0.0.1:$FAKE_PORT/v1/messages" bench; fi
  run "relay-$n" "$base/api/v1/messages" "$KEY"
  sleep 3
done
if kill -0 "$RELAY_PID" 2>/dev/null; then log "relay still alive"; else log "relay DIED: see $OUT/relay/stdout.log"; fi
