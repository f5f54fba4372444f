#!/usr/bin/env bash
# Redis cost per relayed request (issue 14): one relay on a fresh redis-server, N JSON requests (8 at a
# time, curl), and from Redis itself, per request: CPU (INFO cpu used_cpu_sys + used_cpu_user),
# commands run (INFO stats total_commands_processed, commands inside scripts included), scripts
# (EVAL/EVALSHA calls), time Redis spent running scripts (INFO commandstats usec of EVAL/EVALSHA: the
# execution time alone, far less disturbed by other load on the machine than the process CPU), and
# bytes kept (INFO memory used_memory, and DBSIZE, after the requests; MEMORY USAGE summed over every
# key, and over the settle-once markers of both schemas). The slow log is off: on a loaded machine it
# keeps the arguments of 128 slow calls, which is not data kept per request.
# The relay's background traffic (snapshots, renewals) is measured over an idle 10 s and subtracted.
# Prints key=value lines; nothing is written outside bench/out-redis-cost/.
#
# Knobs: N (2000), JAR (relay-server/target/claude-relay.jar), RELAY_JAVA_OPTS (the ./relay default),
# CALLGRIND=1: run redis-server under valgrind's callgrind and also print the instructions Redis
# executed per request (callgrind_control -z before the measured requests, -d after): a count that
# does not depend on the machine's load, unlike CPU time (Redis runs ~50x slower meanwhile).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
N=${N:-2000}
JAR=${JAR:-$ROOT/relay-server/target/claude-relay.jar}
RELAY_JAVA_OPTS=${RELAY_JAVA_OPTS:-"-Xms128m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"}
OUT=${OUT:-$ROOT/bench/out-redis-cost}
BODY=$ROOT/bench/body.json
log() { printf '[redis-cost %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
rm -rf "$OUT"; mkdir -p "$OUT/redis"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 30000 )); ss -ltnH "sport = :$p" | grep -q . || { echo "$p"; return; }; done; }

FAKE_PORT=$(free_port)
FAKE_PORT=$FAKE_PORT java -Xmx256m -cp "$JAR" bench/fake/FakeUpstream.java >"$OUT/fake.log" 2>&1 &
PIDS+=($!)
# The fake compiles itself first: a request before it listens would cool the only account down.
for _ in $(seq 1 600); do (echo >"/dev/tcp/127.0.0.1/$FAKE_PORT") 2>/dev/null && break; sleep 0.1; done
REDIS_PORT=$(free_port)
WRAP=()
[ "${CALLGRIND:-0}" = 1 ] && WRAP=(valgrind --tool=callgrind --callgrind-out-file="$OUT/redis/callgrind.out.%p")
"${WRAP[@]}" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --slowlog-max-len 0 --dir "$OUT/redis" \
  >"$OUT/redis/redis.log" 2>&1 &
REDIS_PID=$!
PIDS+=($REDIS_PID)
R() { redis-cli -p "$REDIS_PORT" "$@"; }
for _ in $(seq 1 300); do R ping >/dev/null 2>&1 && break; sleep 0.1; done

RELAY_PORT=$(free_port)
ADMIN_PASSWORD=$(openssl rand -hex 16)
mkdir -p "$OUT/relay"
(
  cd "$OUT/relay"
  export PORT=$RELAY_PORT HOST=127.0.0.1 DATA_DIR=./data LOG_DIR=./logs ADMIN_USERNAME=bench_admin ADMIN_PASSWORD
  export REDIS_HOST=127.0.0.1 REDIS_PORT
  export JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n') ENCRYPTION_KEY=$(openssl rand -base64 32 | tr -d '\n')
  # shellcheck disable=SC2086
  exec java $RELAY_JAVA_OPTS -jar "$JAR" serve >"$OUT/relay/stdout.log" 2>&1
) &
PIDS+=($!)
base="http://127.0.0.1:$RELAY_PORT"
for _ in $(seq 1 900); do curl -fs -o /dev/null "$base/health" && break; sleep 0.1; done
token=$(curl -fsS -H 'content-type: application/json' -d "{\"username\":\"bench_admin\",\"password\":\"$ADMIN_PASSWORD\"}" \
  "$base/web/auth/login" | jq -r .token)
curl -fsS -o /dev/null -H 'content-type: application/json' -H "authorization: Bearer $token" \
  -d "{\"name\":\"bench-upstream\",\"apiUrl\":\"http://127.0.0.1:$FAKE_PORT\",\"apiKey\":\"sk-ant-bench-0000\",\"priority\":50}" \
  "$base/admin/claude-console-accounts"
KEY=$(curl -fsS -H 'content-type: application/json' -H "authorization: Bearer $token" -d '{"name":"bench-key"}' \
  "$base/admin/api-keys" | jq -r .data.apiKey)
export KEY BODY base

fire() { # n requests, 8 at a time
  seq 1 "$1" | xargs -P 8 -n 50 sh -c 'for i in "$@"; do curl -s -o /dev/null -w "%{http_code}\n" \
    -H "content-type: application/json" -H "x-api-key: $KEY" -H "anthropic-version: 2023-06-01" \
    --data-binary @"$BODY" "$base/api/v1/messages"; done' sh
}
info() { R info "$1" | tr -d '\r'; }
cpu_us() { info cpu | awk -F: '/^used_cpu_(sys|user):/ {s += $2} END {printf "%.0f", s * 1e6}'; }
cmds() { info stats | awk -F: '/^total_commands_processed:/ {print $2}'; }
calls() { info commandstats | awk -F'[:=,]' '/^cmdstat_/ {s += $3} END {print s+0}'; }
mem() { info memory | awk -F: '/^used_memory:/ {print $2}'; }
script_calls() { info commandstats | awk -F'[:=,]' '/^cmdstat_(evalsha|eval):/ {s += $3} END {print s+0}'; }
script_usec() { info commandstats | awk -F'[:=,]' '/^cmdstat_(evalsha|eval):/ {s += $5} END {print s+0}'; }
key_bytes() { R --scan | awk '{print "MEMORY USAGE", $0, "SAMPLES", 0}' | R | awk '{s += $1} END {print s+0}'; }
marker_bytes() { # settle-once markers: the lean schema's hour buckets and the previous schema's keys
  { R --scan --pattern 'cr:{key:*}:done:*'; R --scan --pattern 'cr:{key:*}:settled:*'; R --scan --pattern 'cr:{usage}:counted:*'; } |
    awk '{print "MEMORY USAGE", $0, "SAMPLES", 0}' | R | awk '{s += $1} END {print s+0}'
}

fire 200 >/dev/null   # warm-up (JIT, scripts loaded, first buckets created)
sleep 2
# Background: the same stretch without requests.
c0=$(cpu_us); k0=$(cmds); t0=$(date +%s%N)
sleep 10
c1=$(cpu_us); k1=$(cmds); t1=$(date +%s%N)
bg_cpu_per_s=$(awk -v a="$c0" -v b="$c1" -v t="$(( (t1 - t0) / 1000000 ))" 'BEGIN {print (b - a) / t * 1000}')
bg_cmd_per_s=$(awk -v a="$k0" -v b="$k1" -v t="$(( (t1 - t0) / 1000000 ))" 'BEGIN {print (b - a) / t * 1000}')

m0=$(mem); d0=$(R dbsize); c0=$(cpu_us); k0=$(cmds); e0=$(script_calls); u0=$(script_usec); b0=$(marker_bytes); y0=$(key_bytes)
[ "${CALLGRIND:-0}" = 1 ] && callgrind_control -z "$REDIS_PID" >/dev/null
t0=$(date +%s%N)
fire "$N" | sort | uniq -c >"$OUT/statuses.txt"
sleep 1
[ "${CALLGRIND:-0}" = 1 ] && callgrind_control -d "$REDIS_PID" >/dev/null
c1=$(cpu_us); k1=$(cmds); e1=$(script_calls); u1=$(script_usec); t1=$(date +%s%N); m1=$(mem); d1=$(R dbsize)
b1=$(marker_bytes); y1=$(key_bytes)
secs=$(awk -v t="$(( (t1 - t0) / 1000000 ))" 'BEGIN {print t / 1000}')
ok=$(awk '$2 == 200 {print $1}' "$OUT/statuses.txt"); ok=${ok:-0}
awk -v n="$ok" -v c0="$c0" -v c1="$c1" -v k0="$k0" -v k1="$k1" -v e0="$e0" -v e1="$e1" -v m0="$m0" -v m1="$m1" \
  -v d0="$d0" -v d1="$d1" -v s="$secs" -v bc="$bg_cpu_per_s" -v bk="$bg_cmd_per_s" -v u0="$u0" -v u1="$u1" \
  -v b0="$b0" -v b1="$b1" -v y0="$y0" -v y1="$y1" 'BEGIN {
  printf "requests_200=%d\nseconds=%.1f\n", n, s
  printf "redis_cpu_us_per_req=%.1f\nredis_cpu_us_per_req_net_of_background=%.1f\n", (c1 - c0) / n, (c1 - c0 - bc * s) / n
  printf "commands_per_req=%.1f\ncommands_per_req_net_of_background=%.1f\n", (k1 - k0) / n, (k1 - k0 - bk * s) / n
  printf "scripts_per_req=%.2f\n", (e1 - e0) / n
  printf "script_exec_us_per_req=%.1f\n", (u1 - u0) / n
  printf "marker_bytes_per_req=%.0f\nkey_bytes_kept_per_req=%.0f\n", (b1 - b0) / n, (y1 - y0) / n
  printf "bytes_kept_per_req=%.0f\nkeys_kept_per_req=%.3f\n", (m1 - m0) / n, (d1 - d0) / n
  printf "background_cpu_us_per_s=%.0f\nbackground_commands_per_s=%.1f\n", bc, bk
}'
if [ "${CALLGRIND:-0}" = 1 ]; then
  # The dump taken after the requests holds the instructions since the zeroing (its "totals:" line).
  ir=$(grep -h '^totals:' "$OUT"/redis/callgrind.out.*.1 2>/dev/null | awk '{print $2}' | head -1)
  awk -v ir="${ir:-0}" -v n="$ok" 'BEGIN {printf "redis_instructions_per_req=%.0f\n", ir / n}'
fi
echo "statuses=$(tr -s ' \n' ' ' <"$OUT/statuses.txt")"
echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
