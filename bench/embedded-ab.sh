#!/usr/bin/env bash
# A/B of the embedded relay at one concurrency: BEFORE_JAR (e.g. the in-memory store) against
# AFTER_JAR (default: this tree's jar, the store kept in DATA_DIR), same fake upstream, runs
# interleaved ROUNDS times; req/s and relay CPU µs per request (from /proc, less disturbed by other
# load than req/s). Then the AFTER relay serves MILLION_REQUESTS requests and the size of its
# DATA_DIR/relay.mv.db is reported, before and after a graceful stop.
# Usage: BEFORE_JAR=/path/claude-relay.jar bench/embedded-ab.sh    (needs wrk, jq, curl, openssl)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BEFORE_JAR=${BEFORE_JAR:?set BEFORE_JAR to the jar to compare against}
AFTER_JAR=$(realpath "${AFTER_JAR:-relay-server/target/claude-relay.jar}")
BEFORE_JAR=$(realpath "$BEFORE_JAR")
CONC=${CONC:-64}; DURATION=${DURATION:-15}; WARMUP=${WARMUP:-40}; ROUNDS=${ROUNDS:-3}
MILLION_REQUESTS=${MILLION_REQUESTS:-1000000}
RELAY_JAVA_OPTS=${RELAY_JAVA_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
OUT=bench/out/ab; rm -rf "$OUT"; mkdir -p "$OUT"
export BODY_FILE=$ROOT/bench/body.json
log() { printf '[ab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
PIDS=(); cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
field() { sed -n "s/.*[[:space:]]$2=\([^[:space:]]*\).*/\1/p" "$1" | head -1; }

FAKE_PORT=$(free_port)
FAKE_PORT=$FAKE_PORT FAKE_EVENTS=20 FAKE_GAP_MS=2 FAKE_THREADS=1 java -Xmx256m -cp "$AFTER_JAR" bench/fake/FakeUpstream.java \
  >"$OUT/fake.log" 2>&1 & PIDS+=($!)
JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n'); ENCRYPTION_KEY=$(openssl rand -base64 32 | tr -d '\n')
ADMIN_USERNAME=bench_admin; ADMIN_PASSWORD=$(openssl rand -hex 16)
declare -A PORTS PID KEY JAR=([before]=$BEFORE_JAR [after]=$AFTER_JAR)
start() { # name
  local dir="$ROOT/$OUT/relay-$1"; mkdir -p "$dir"
  ( cd "$dir"; export PORT=${PORTS[$1]} HOST=127.0.0.1 DATA_DIR=./data LOG_DIR=./logs JWT_SECRET ENCRYPTION_KEY ADMIN_USERNAME ADMIN_PASSWORD
    # shellcheck disable=SC2086
    exec java $RELAY_JAVA_OPTS -jar "${JAR[$1]}" serve >"$dir/stdout.log" 2>&1 ) &
  PID[$1]=$!; PIDS+=($!)
  for _ in $(seq 1 1200); do curl -fs -o /dev/null "http://127.0.0.1:${PORTS[$1]}/health" && return 0; sleep 0.1; done
  echo "relay $1 did not start" >&2; exit 1
}
provision() { # name
  local base="http://127.0.0.1:${PORTS[$1]}" token
  token=$(curl -fsS -H 'content-type: application/json' -d "{\"username\":\"$ADMIN_USERNAME\",\"password\":\"$ADMIN_PASSWORD\"}" \
    "$base/web/auth/login" | jq -r .token)
  curl -fsS -o /dev/null -H 'content-type: application/json' -H "authorization: Bearer $token" \
    -d "{\"name\":\"bench-upstream\",\"apiUrl\":\"http://127.0.0.1:$FAKE_PORT\",\"apiKey\":\"sk-ant-bench-0000\",\"priority\":50}" \
    "$base/admin/claude-console-accounts"
  KEY[$1]=$(curl -fsS -H 'content-type: application/json' -H "authorization: Bearer $token" -d '{"name":"bench-key"}' \
    "$base/admin/api-keys" | jq -r .data.apiKey)
}
run_wrk() { # name conc seconds outfile
  BENCH_KEY=${KEY[$1]} wrk -t2 -c"$2" -d"$3"s --timeout 10s -s bench/wrk/post.lua "http://127.0.0.1:${PORTS[$1]}/api/v1/messages" >"$4" 2>&1
}
for t in before after; do PORTS[$t]=$(free_port); start "$t"; provision "$t"; done
for t in before after; do log "warm-up $t ${WARMUP}s"; run_wrk "$t" 16 "$WARMUP" "$OUT/warmup-$t.txt"; done

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "| round | target | req/s | relay CPU µs/req | p99 ms |"; echo "|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
  for t in before after; do
    f="$OUT/wrk-$t-$r.txt"; c0=$(cpu_ticks "${PID[$t]}")
    run_wrk "$t" "$CONC" "$DURATION" "$f"
    c1=$(cpu_ticks "${PID[$t]}"); n=$(field "$f" requests)
    echo "| $r | $t | $(field "$f" rps) | $(( (c1 - c0) * TICK_US / n )) | $(awk -v u="$(field "$f" p99_us)" 'BEGIN{printf "%.2f", u/1000}') |"
  done
done
echo; echo "load average (1/5/15 min) at the start of the rounds: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

log "after relay: $MILLION_REQUESTS requests at c=$CONC"
served=0
while [ "$served" -lt "$MILLION_REQUESTS" ]; do
  run_wrk after "$CONC" 20 "$OUT/million.txt"; served=$(( served + $(field "$OUT/million.txt" requests) ))
done
db="$ROOT/$OUT/relay-after/data/relay.mv.db"
sleep 2
echo "after $served requests: $(stat -c %s "$db") bytes in relay.mv.db while serving"
kill -TERM "${PID[after]}"; wait "${PID[after]}" 2>/dev/null || true
echo "after the graceful stop: $(stat -c %s "$db") bytes"
