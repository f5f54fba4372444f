#!/usr/bin/env bash
# Benchmark harness (issue 8): direct-to-fake vs relay (embedded store) vs relay (Redis), side by
# side, on this machine. Starts everything it needs on loopback, stops everything it started, and
# writes bench/RESULTS.md plus raw outputs under bench/out/. Not part of the test suite.
#
# Knobs (environment):
#   DURATION=10          seconds per wrk run (each target x each concurrency)
#   WARMUP=120           seconds of warm-up load per target before measuring (JIT: on 2 shared cores C2 is
#                        still compiling ~25 methods/s after 50 s of load; it settles after about a minute)
#   CONCURRENCY="1 16 64"
#   REPEATS_C1=5         interleaved runs of every target at c=1; the table shows their medians (one 10 s
#                        cell's p99 at c=1 moves by half a millisecond between runs on shared cores)
#   STREAMS=300          sequential SSE requests per target for TTFB / per-event delay
#   FAKE_EVENTS=20       content_block_delta events per stream
#   FAKE_GAP_MS=2        pause between stream events at the fake (0 = all at once)
#   SOAK_SECONDS=600     soak of the embedded-store relay at concurrency 16 (0 = skip)
#   PROFILE=1            record JFR on the embedded relay during an extra c=64 run (0 = skip)
#   RELAY_JAVA_OPTS      JVM flags of both relays (default below; documented in RESULTS.md)
#   NICE=-10             nice level of everything this script starts, when run as root (0 = leave it);
#                        on a shared machine it keeps other work from dominating the numbers
#   REBUILD=1            rebuild the relay jar even if it exists
#   RESULTS=bench/RESULTS.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-120}
CONCURRENCY=${CONCURRENCY:-"1 16 64"}
REPEATS_C1=${REPEATS_C1:-5}
STREAMS=${STREAMS:-300}
FAKE_EVENTS=${FAKE_EVENTS:-20}
FAKE_GAP_MS=${FAKE_GAP_MS:-2}
SOAK_SECONDS=${SOAK_SECONDS:-600}
PROFILE=${PROFILE:-1}
RELAY_JAVA_OPTS=${RELAY_JAVA_OPTS:-"-Xms128m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"}
RESULTS=${RESULTS:-bench/RESULTS.md}
NICE=${NICE:--10}
JAR=relay-server/target/claude-relay.jar
OUT=bench/out
export BODY_FILE=$ROOT/bench/body.json

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- prerequisites ------------------------------------------------------------------------------
need=()
for c in wrk jq redis-server redis-cli curl openssl; do command -v "$c" >/dev/null 2>&1 || need+=("$c"); done
if [ ${#need[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${need[@]}" | sed 's/^redis-.*/redis-server/' | sort -u | tr '\n' ' ')
  if [ "$(id -u)" = 0 ]; then
    log "installing $pkgs"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
  else
    echo "missing: $pkgs (apt-get install them)" >&2; exit 1
  fi
fi
if [ ! -f "$JAR" ] || [ "${REBUILD:-0}" = 1 ]; then
  log "building $JAR"
  mvn -B -q -DskipTests package
fi

rm -rf "$OUT"; mkdir -p "$OUT"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
# Raise this script's priority (inherited by everything it starts) when allowed.
if [ "$NICE" != 0 ] && [ "$(id -u)" = 0 ]; then renice -n "$NICE" -p $$ >/dev/null; else NICE=0; fi

# --- process bookkeeping: everything started here is stopped on exit ----------------------------
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 30000 ))
    ss -ltnH "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
}
wait_http() { # url timeout_s
  for _ in $(seq 1 $(( $2 * 10 ))); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "timeout waiting for $1" >&2; return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, in clock ticks
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
field() { sed -n "s/.*[[:space:]]$2=\([^[:space:]]*\).*/\1/p" "$1" | head -1; } # file key (wrk RESULT line)
kv() { sed -n "s/^$2=//p" "$1" | head -1; }                                       # file key (probe key=value)

# --- fake upstream ------------------------------------------------------------------------------
FAKE_PORT=$(free_port)
log "fake upstream on $FAKE_PORT (events=$FAKE_EVENTS gap=${FAKE_GAP_MS}ms)"
FAKE_PORT=$FAKE_PORT FAKE_EVENTS=$FAKE_EVENTS FAKE_GAP_MS=$FAKE_GAP_MS FAKE_THREADS=${FAKE_THREADS:-1} \
  java -Xmx256m -cp "$JAR" bench/fake/FakeUpstream.java >"$OUT/fake.log" 2>&1 &
PIDS+=($!); FAKE_PID=$!

# --- bare proxy: one more HTTP hop and nothing else, the floor under the relay ---------------------
BARE_PORT=$(free_port)
log "bare proxy on $BARE_PORT"
BARE_PORT=$BARE_PORT BARE_UPSTREAM="http://127.0.0.1:$FAKE_PORT" BARE_THREADS=$(nproc) \
  java $RELAY_JAVA_OPTS -cp "$JAR" bench/fake/BareProxy.java >"$OUT/bare.log" 2>&1 &
PIDS+=($!); BARE_PID=$!

# --- redis --------------------------------------------------------------------------------------
REDIS_PORT=$(free_port)
mkdir -p "$OUT/redis"
log "redis-server on $REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$ROOT/$OUT/redis" \
  >"$OUT/redis/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# --- relays -------------------------------------------------------------------------------------
JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n')
ENCRYPTION_KEY=$(openssl rand -base64 32 | tr -d '\n')
ADMIN_USERNAME=bench_admin
ADMIN_PASSWORD=$(openssl rand -hex 16)

start_relay() { # name port [redis_port]
  local dir="$ROOT/$OUT/relay-$1"
  mkdir -p "$dir"
  (
    cd "$dir"
    export PORT=$2 HOST=127.0.0.1 DATA_DIR=./data LOG_DIR=./logs JWT_SECRET ENCRYPTION_KEY ADMIN_USERNAME ADMIN_PASSWORD
    if [ -n "${3:-}" ]; then export REDIS_HOST=127.0.0.1 REDIS_PORT=$3; fi
    # shellcheck disable=SC2086  # RELAY_JAVA_OPTS is a list of options
    exec java $RELAY_JAVA_OPTS -jar "$ROOT/$JAR" serve >"$dir/stdout.log" 2>&1
  ) &
  echo $!
}
EMB_PORT=$(free_port)
EMB_PID=$(start_relay embedded "$EMB_PORT"); PIDS+=("$EMB_PID")
RED_PORT=$(free_port)
RED_PID=$(start_relay redis "$RED_PORT" "$REDIS_PORT"); PIDS+=("$RED_PID")
log "relay embedded on $EMB_PORT (pid $EMB_PID), relay redis on $RED_PORT (pid $RED_PID)"
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$FAKE_PORT/" && break; sleep 0.1; done
for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$BARE_PORT/" && break; sleep 0.1; done
# A relay that fails to start (on an overloaded machine its start-up Redis calls can time out) is
# started again, at most twice.
await_relay() { # name pidvar port [redis_port]
  local tries=0
  while :; do
    for _ in $(seq 1 1200); do
      curl -fs -o /dev/null "http://127.0.0.1:$3/health" && return 0
      kill -0 "${!2}" 2>/dev/null || break
      sleep 0.1
    done
    tries=$(( tries + 1 ))
    if [ "$tries" -gt 2 ]; then echo "relay $1 did not start; see $OUT/relay-$1/stdout.log" >&2; exit 1; fi
    log "relay $1 did not start (try $tries), starting it again"
    kill "${!2}" 2>/dev/null || true
    printf -v "$2" '%s' "$(start_relay "$1" "$3" "${4:-}")"; PIDS+=("${!2}")
  done
}
await_relay embedded EMB_PID "$EMB_PORT"
await_relay redis RED_PID "$RED_PORT" "$REDIS_PORT"

provision() { # port -> prints the relay key
  local base="http://127.0.0.1:$1" token
  token=$(curl -fsS -H 'content-type: application/json' \
    -d "{\"username\":\"$ADMIN_USERNAME\",\"password\":\"$ADMIN_PASSWORD\"}" "$base/web/auth/login" | jq -r .token)
  curl -fsS -o /dev/null -H 'content-type: application/json' -H "authorization: Bearer $token" \
    -d "{\"name\":\"bench-upstream\",\"apiUrl\":\"http://127.0.0.1:$FAKE_PORT\",\"apiKey\":\"sk-ant-bench-0000\",\"priority\":50}" \
    "$base/admin/claude-console-accounts"
  curl -fsS -H 'content-type: application/json' -H "authorization: Bearer $token" \
    -d '{"name":"bench-key"}' "$base/admin/api-keys" | jq -r .data.apiKey
}
EMB_KEY=$(provision "$EMB_PORT")
RED_KEY=$(provision "$RED_PORT")

declare -A URL KEY
URL[direct]="http://127.0.0.1:$FAKE_PORT/v1/messages"; KEY[direct]=bench
URL[bare]="http://127.0.0.1:$BARE_PORT/v1/messages"; KEY[bare]=bench
URL[embedded]="http://127.0.0.1:$EMB_PORT/api/v1/messages"; KEY[embedded]=$EMB_KEY
URL[redis]="http://127.0.0.1:$RED_PORT/api/v1/messages"; KEY[redis]=$RED_KEY
TARGETS=(direct bare embedded redis)

# Sanity: one JSON and one stream request through each target must answer 200.
for t in "${TARGETS[@]}"; do
  code=$(curl -s -o "$OUT/sanity-$t.json" -w '%{http_code}' -H 'content-type: application/json' \
    -H "x-api-key: ${KEY[$t]}" -H 'anthropic-version: 2023-06-01' --data-binary @"$BODY_FILE" "${URL[$t]}")
  [ "$code" = 200 ] || { echo "sanity request to $t answered $code: $(cat "$OUT/sanity-$t.json")" >&2; exit 1; }
done

sleep 2
RSS_IDLE_EMB=$(rss_kb "$EMB_PID"); RSS_IDLE_RED=$(rss_kb "$RED_PID")
log "idle RSS: embedded $(mb "$RSS_IDLE_EMB") MB, redis $(mb "$RSS_IDLE_RED") MB"

run_wrk() { # target conc duration outfile
  local threads=$(( $2 < 2 ? 1 : 2 ))
  BENCH_KEY=${KEY[$1]} wrk -t"$threads" -c"$2" -d"$3"s --timeout 10s -s bench/wrk/post.lua "${URL[$1]}" >"$4" 2>&1
}
redis_calls() { redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_/ {s += $3} END {print s+0}'; }

# --- warm-up ------------------------------------------------------------------------------------
for t in "${TARGETS[@]}"; do
  log "warm-up $t ${WARMUP}s"
  run_wrk "$t" 16 "$WARMUP" "$OUT/warmup-$t.txt"
done
RSS_WARM_EMB=$(rss_kb "$EMB_PID"); RSS_WARM_RED=$(rss_kb "$RED_PID")

# --- throughput and latency: interleaved per concurrency ----------------------------------------
declare -A RPS P50 P99 P999 ERR REQ CPU_FAKE CPU_RELAY P99_RUNS ADDED_RUNS
RED_CALLS_TOTAL=0; RED_REQS_TOTAL=0
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for c in $CONCURRENCY; do
  reps=1; [ "$c" = 1 ] && reps=$REPEATS_C1
  declare -A R_RPS=() R_P50=() R_P99=() R_P999=() R_ERR=() R_REQ=() R_CF=() R_CR=()
  for rep in $(seq 1 "$reps"); do
    for t in "${TARGETS[@]}"; do
      f="$OUT/wrk-$t-c$c.txt"; [ "$reps" -gt 1 ] && f="$OUT/wrk-$t-c$c-run$rep.txt"
      before=0; [ "$t" = redis ] && before=$(redis_calls)
      relay_pid=$FAKE_PID; [ "$t" = bare ] && relay_pid=$BARE_PID; [ "$t" = embedded ] && relay_pid=$EMB_PID; [ "$t" = redis ] && relay_pid=$RED_PID
      cpu_fake0=$(cpu_ticks "$FAKE_PID"); cpu_relay0=$(cpu_ticks "$relay_pid")
      log "wrk $t c=$c ${DURATION}s (run $rep of $reps)"
      run_wrk "$t" "$c" "$DURATION" "$f"
      cpu_fake1=$(cpu_ticks "$FAKE_PID"); cpu_relay1=$(cpu_ticks "$relay_pid")
      if [ "$t" = redis ]; then
        after=$(redis_calls)
        RED_CALLS_TOTAL=$(( RED_CALLS_TOTAL + after - before )); RED_REQS_TOTAL=$(( RED_REQS_TOTAL + $(field "$f" requests) ))
      fi
      R_RPS[$t,$rep]=$(field "$f" rps); R_P50[$t,$rep]=$(field "$f" p50_us); R_P99[$t,$rep]=$(field "$f" p99_us)
      R_P999[$t,$rep]=$(field "$f" p999_us); R_REQ[$t,$rep]=$(field "$f" requests)
      R_ERR[$t,$rep]=$(( $(field "$f" errors) + $(field "$f" non200) ))
      n=$(( R_REQ[$t,$rep] > 0 ? R_REQ[$t,$rep] : 1 ))
      R_CF[$t,$rep]=$(( (cpu_fake1 - cpu_fake0) * TICK_US / n ))
      R_CR[$t,$rep]=$(( (cpu_relay1 - cpu_relay0) * TICK_US / n ))
    done
  done
  for t in "${TARGETS[@]}"; do
    col() { local -n arr=$1; local r out=(); for r in $(seq 1 "$reps"); do out+=("${arr[$t,$r]}"); done; echo "${out[@]}"; }
    # shellcheck disable=SC2046  # word splitting intended: one argument per run
    RPS[$t,$c]=$(median $(col R_RPS)); P50[$t,$c]=$(median $(col R_P50)); P99[$t,$c]=$(median $(col R_P99))
    # shellcheck disable=SC2046
    P999[$t,$c]=$(median $(col R_P999)); REQ[$t,$c]=$(median $(col R_REQ))
    # shellcheck disable=SC2046
    CPU_FAKE[$t,$c]=$(median $(col R_CF)); CPU_RELAY[$t,$c]=$(median $(col R_CR))
    ERR[$t,$c]=0; for r in $(seq 1 "$reps"); do ERR[$t,$c]=$(( ERR[$t,$c] + R_ERR[$t,$r] )); done
    [ "$t" = direct ] && CPU_RELAY[$t,$c]="–"
    if [ "$reps" -gt 1 ]; then
      P99_RUNS[$t]=$(for r in $(seq 1 "$reps"); do awk -v u="${R_P99[$t,$r]}" 'BEGIN { printf "%.2f ", u / 1000 }'; done)
      # Paired: each run against the direct run just before it, then the median of those differences.
      # shellcheck disable=SC2046
      ADDED_RUNS[$t]=$(median $(for r in $(seq 1 "$reps"); do echo $(( R_P99[$t,$r] - R_P99[direct,$r] )); done))
    fi
  done
done
RSS_LOAD_EMB=$(hwm_kb "$EMB_PID"); RSS_LOAD_RED=$(hwm_kb "$RED_PID")
RSS_AFTER_EMB=$(rss_kb "$EMB_PID"); RSS_AFTER_RED=$(rss_kb "$RED_PID")
redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' >"$OUT/redis-commandstats.txt"

# --- streaming: TTFB and per-event delivery latency ---------------------------------------------
probe() { java -Xmx128m -cp "$JAR" bench/tools/StreamProbe.java "$@"; }
for t in "${TARGETS[@]}"; do
  log "stream probe $t: $STREAMS streams x $FAKE_EVENTS events, gap ${FAKE_GAP_MS}ms"
  probe "${URL[$t]}" "${KEY[$t]}" stream "$STREAMS" 30 "$OUT/stream-$t.csv" >"$OUT/stream-$t.txt" 2>&1
done
for t in "${TARGETS[@]}"; do
  log "json probe $t (sequential, HTTP/1.1 keep-alive)"
  probe "${URL[$t]}" "${KEY[$t]}" json 1000 100 >"$OUT/json-$t.txt" 2>&1
done

# --- Redis round trips per request (MONITOR: client commands vs commands run inside Lua) --------
round_trips() { # mode count -> "client lua" commands per request
  local n=$2 mon="$OUT/redis-monitor-$1.txt"
  redis-cli -p "$REDIS_PORT" monitor >"$mon" 2>/dev/null &
  local mpid=$!
  sleep 0.5
  probe "${URL[redis]}" "${KEY[redis]}" "$1" "$n" 0 >"$OUT/redis-monitor-probe-$1.txt" 2>&1
  sleep 1.5 # asynchronous settlement writes land after the answer
  kill "$mpid" 2>/dev/null || true; wait "$mpid" 2>/dev/null || true
  awk -v n="$n" '/^[0-9]/ { if ($0 ~ /\[[0-9]+ lua\]/) lua++; else if ($0 !~ /"(monitor|ping|info)"/) cli++ }
    END { printf "%.2f %.2f", cli / n, lua / n }' "$mon"
}
read -r RT_JSON_CLIENT RT_JSON_LUA <<<"$(round_trips json 200)"
read -r RT_STREAM_CLIENT RT_STREAM_LUA <<<"$(round_trips stream 100)"
# Background traffic (key-cache invalidation subscriber, job locks) while idle, for the record.
grep -h '^[0-9]' "$OUT"/redis-monitor-*.txt | sed -n 's/.*\] "\([A-Za-z]*\)".*/\1/p' | tr a-z A-Z | sort | uniq -c | sort -rn \
  >"$OUT/redis-monitor-commands.txt"

# --- JFR profile under c=64 (embedded relay) ----------------------------------------------------
PROFILE_TXT=""
if [ "$PROFILE" = 1 ]; then
  log "JFR profile: embedded relay, c=64, ${DURATION}s"
  jcmd "$EMB_PID" JFR.start name=bench settings=profile filename="$ROOT/$OUT/relay-c64.jfr" >/dev/null
  run_wrk embedded 64 "$DURATION" "$OUT/wrk-embedded-c64-profiled.txt"
  jcmd "$EMB_PID" JFR.stop name=bench >/dev/null
  sleep 1
  jfr summary "$OUT/relay-c64.jfr" >"$OUT/jfr-summary.txt" 2>&1 || true
  java -cp "$JAR" bench/tools/JfrTop.java "$OUT/relay-c64.jfr" >"$OUT/jfr-top.txt" 2>&1 || true
  PROFILE_TXT="$OUT/jfr-top.txt"
fi

# --- soak ---------------------------------------------------------------------------------------
SOAK_ROWS=""
if [ "$SOAK_SECONDS" -gt 0 ]; then
  step=$(( SOAK_SECONDS < 60 ? SOAK_SECONDS : 60 ))
  elapsed=0
  log "soak: embedded relay, c=16, ${SOAK_SECONDS}s (RSS every ${step}s)"
  while [ "$elapsed" -lt "$SOAK_SECONDS" ]; do
    run_wrk embedded 16 "$step" "$OUT/soak-$elapsed.txt"
    elapsed=$(( elapsed + step ))
    SOAK_ROWS+="| $elapsed | $(field "$OUT/soak-$(( elapsed - step )).txt" rps) | $(mb "$(rss_kb "$EMB_PID")") |"$'\n'
  done
  sleep 5
fi
RSS_SOAK_EMB=$(rss_kb "$EMB_PID"); RSS_SOAK_HWM=$(hwm_kb "$EMB_PID")

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- RESULTS.md ---------------------------------------------------------------------------------
us_to_ms() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1000 }'; }
added_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", (a - b) / 1000 }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }

{
  echo "# Benchmark results"
  echo
  echo "Generated by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "## Machine and settings"
  echo
  echo "- CPU: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)); memory $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); kernel $(uname -r)"
  echo "- JVM: $(java -version 2>&1 | sed -n 2p)"
  echo "- Load average (1/5/15 min) at start: $LOAD_START; at the end: $LOAD_END. Other work on the machine shares the cores; this script ran at nice $NICE."
  echo "- Relay JVM flags: \`$RELAY_JAVA_OPTS\` (the documented default of ./relay, deploy/local/start.sh and the Dockerfile)"
  echo "- Everything on one machine, sharing its $(nproc) cores: load driver (wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}')), fake upstream (Vert.x, 1 event loop), relay(s), redis-server $(redis-server --version | awk '{print $3}' | sed 's/v=//')."
  echo "- Request: \`bench/body.json\` ($(wc -c <"$BODY_FILE") bytes, Claude Code-like, sticky session id in metadata.user_id); JSON answer $(wc -c <"$OUT/sanity-direct.json") bytes."
  echo "- wrk: ${DURATION}s per cell after ${WARMUP}s warm-up per target, targets interleaved per concurrency; latency percentiles from wrk (coordinated omission not corrected: closed-loop load). At c=1 every target ran $REPEATS_C1 times, interleaved; its row shows the medians of those runs."
  echo
  echo "## Throughput and latency (non-streaming)"
  echo
  echo "**bare** is bench/fake/BareProxy.java: a pass-through Vert.x proxy with the relay's event loops and client settings and none of its work. It is the floor: what it adds over direct is the cost of one more HTTP hop on these shared cores; what the relay adds over it is the relay's own work."
  echo
  echo "CPU µs/req: process CPU time (user + system, /proc/<pid>/stat) of the relay and of the fake upstream during the cell, divided by the requests served; it depends far less on other load than the latencies do."
  echo
  echo "| target | c | req/s | % of direct | % of bare | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms | errors | relay CPU µs/req | fake CPU µs/req |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for c in $CONCURRENCY; do
    for t in "${TARGETS[@]}"; do
      echo "| $t | $c | ${RPS[$t,$c]} | $(pct "${RPS[$t,$c]}" "${RPS[direct,$c]}") | $(pct "${RPS[$t,$c]}" "${RPS[bare,$c]}") | $(us_to_ms "${P50[$t,$c]}") | $(us_to_ms "${P99[$t,$c]}") | $(us_to_ms "${P999[$t,$c]}") | $(added_ms "${P50[$t,$c]}" "${P50[direct,$c]}") | $(added_ms "${P99[$t,$c]}" "${P99[direct,$c]}") | ${ERR[$t,$c]} | ${CPU_RELAY[$t,$c]} | ${CPU_FAKE[$t,$c]} |"
    done
  done
  echo
  if [ "$REPEATS_C1" -gt 1 ]; then
    echo "c=1, each run's p99 in ms (runs in order; every round ran the targets one after another), and the added p99 paired by round (median over the rounds of the target's p99 minus direct's in the same round):"
    echo
    echo "| target | p99 of each run, ms | added p99 paired by round, ms |"
    echo "|---|---|---:|"
    for t in "${TARGETS[@]}"; do
      echo "| $t | ${P99_RUNS[$t]} | $(awk -v u="${ADDED_RUNS[$t]}" 'BEGIN { printf "%+.3f", u / 1000 }') |"
    done
    echo
  fi
  echo "Sequential single-connection client (bench/tools/StreamProbe.java, 1000 JSON requests after 100 warm-up):"
  echo
  echo "| target | p50 ms | p90 ms | p99 ms | added p50 ms | added p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|"
  for t in "${TARGETS[@]}"; do
    f="$OUT/json-$t.txt"; d="$OUT/json-direct.txt"
    echo "| $t | $(us_to_ms "$(kv "$f" total_p50_us)") | $(us_to_ms "$(kv "$f" total_p90_us)") | $(us_to_ms "$(kv "$f" total_p99_us)") | $(added_ms "$(kv "$f" total_p50_us)" "$(kv "$d" total_p50_us)") | $(added_ms "$(kv "$f" total_p99_us)" "$(kv "$d" total_p99_us)") |"
  done
  echo
  echo "## Streaming ($STREAMS sequential streams per target, $FAKE_EVENTS deltas each, ${FAKE_GAP_MS} ms apart)"
  echo
  echo "Time to first byte (request sent → first body byte) and per-event delivery latency (fake wrote the event → client read it; both CLOCK_MONOTONIC)."
  echo
  echo "| target | TTFB p50 ms | TTFB p99 ms | added TTFB p50 ms | event p50 ms | event p99 ms | added per-event p50 ms | added per-event p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for t in "${TARGETS[@]}"; do
    f="$OUT/stream-$t.txt"; d="$OUT/stream-direct.txt"
    echo "| $t | $(us_to_ms "$(kv "$f" ttfb_p50_us)") | $(us_to_ms "$(kv "$f" ttfb_p99_us)") | $(added_ms "$(kv "$f" ttfb_p50_us)" "$(kv "$d" ttfb_p50_us)") | $(us_to_ms "$(kv "$f" event_p50_us)") | $(us_to_ms "$(kv "$f" event_p99_us)") | $(added_ms "$(kv "$f" event_p50_us)" "$(kv "$d" event_p50_us)") | $(added_ms "$(kv "$f" event_p99_us)" "$(kv "$d" event_p99_us)") |"
  done
  echo
  echo "## Memory (relay RSS, VmRSS / VmHWM from /proc)"
  echo
  echo "| relay | idle (after start + 2 requests) | after warm-up | peak under load (VmHWM) | after the load runs | after soak | peak incl. soak |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  echo "| embedded | $(mb "$RSS_IDLE_EMB") MB | $(mb "$RSS_WARM_EMB") MB | $(mb "$RSS_LOAD_EMB") MB | $(mb "$RSS_AFTER_EMB") MB | $(mb "$RSS_SOAK_EMB") MB | $(mb "$RSS_SOAK_HWM") MB |"
  echo "| redis | $(mb "$RSS_IDLE_RED") MB | $(mb "$RSS_WARM_RED") MB | $(mb "$RSS_LOAD_RED") MB | $(mb "$RSS_AFTER_RED") MB | – | – |"
  echo
  if [ -n "$SOAK_ROWS" ]; then
    echo "Soak of the embedded relay at c=16 for ${SOAK_SECONDS}s:"
    echo
    echo "| elapsed s | req/s in the last step | RSS MB |"
    echo "|---:|---:|---:|"
    printf '%s' "$SOAK_ROWS"
  else
    echo "Soak skipped (SOAK_SECONDS=0)."
  fi
  echo
  echo "## Redis round trips per request"
  echo
  echo "- From MONITOR (sequential requests; client commands, i.e. network round trips or pipelined commands, vs commands run inside Lua scripts):"
  echo "  JSON request: **$RT_JSON_CLIENT** client commands + $RT_JSON_LUA inside Lua; streaming request: **$RT_STREAM_CLIENT** + $RT_STREAM_LUA inside Lua."
  echo "- From INFO commandstats over all the Redis wrk runs: $(awk -v a="$RED_CALLS_TOTAL" -v b="$RED_REQS_TOTAL" 'BEGIN { printf "%.2f", a / b }') commands per request (counts commands inside scripts too; $RED_CALLS_TOTAL commands / $RED_REQS_TOTAL requests)."
  echo "- Commands seen (both MONITOR samples): $(awk '{printf "%s%s %s", sep, $2, $1; sep=", "}' "$OUT/redis-monitor-commands.txt")."
  echo
  if [ -n "$PROFILE_TXT" ] && [ -s "$PROFILE_TXT" ]; then
    echo "## Profile (JFR, embedded relay, c=64, ${DURATION}s, settings=profile)"
    echo
    echo "Throughput while recording: $(field "$OUT/wrk-embedded-c64-profiled.txt" rps) req/s. Full output: \`bench/out/jfr-top.txt\`, recording \`bench/out/relay-c64.jfr\`."
    echo
    echo '```'
    head -60 "$PROFILE_TXT"
    echo '```'
  fi
} >"$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
cp "$RESULTS" "$OUT/RESULTS.md"
log "wrote $RESULTS"
