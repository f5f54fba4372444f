# Shared settings and helpers of start.sh / stop.sh / status.sh (sourced, not run).
# Every setting can be overridden from the environment; start.sh records the values it used in
# $BASE/topology.env, and stop.sh / status.sh read them back from there.

BASE=${BASE:-/tmp/claude-relay-local}
if [[ -f "$BASE/topology.env" ]]; then
  # shellcheck disable=SC1091
  source "$BASE/topology.env"
fi
REDIS_MASTER_PORT=${REDIS_MASTER_PORT:-16379}      # redis-node1, initial master
REDIS_REPLICA_PORT=${REDIS_REPLICA_PORT:-16380}    # redis-node2, initial replica
SENTINEL_PORTS=${SENTINEL_PORTS:-"26391 26392 26393"}   # sentinel-node1..3
RELAY_PORTS=${RELAY_PORTS:-"3101 3102"}            # relay-node1..2
NGINX_PORT=${NGINX_PORT:-8080}                     # nginx-lb (plain HTTP on loopback)
MASTER_NAME=mymaster

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RELAY_JAR=${RELAY_JAR:-$REPO/relay-server/target/claude-relay.jar}
RUN_DIR=$BASE/run

read -r -a SENTINEL_PORT_LIST <<< "$SENTINEL_PORTS"
read -r -a RELAY_PORT_LIST <<< "$RELAY_PORTS"

log() { printf '%s\n' "$*"; }
warn() { printf 'WARN: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# The Redis password from the generated secrets (empty before the first start).
redis_password() {
  [[ -f "$BASE/secrets.env" ]] && sed -n 's/^REDIS_PASSWORD=//p' "$BASE/secrets.env"
}

# redis-cli against a data node (password through REDISCLI_AUTH, never on the command line).
rcli() { local port=$1; shift; REDISCLI_AUTH=$(redis_password) redis-cli -h 127.0.0.1 -p "$port" "$@"; }
# redis-cli against a sentinel (no password, as in the seed).
scli() { local port=$1; shift; redis-cli -h 127.0.0.1 -p "$port" "$@"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Pid files: $RUN_DIR/<name>.pid holds the pid on line 1 and, on line 2, a string that must occur
# in /proc/<pid>/cmdline for the process to count as ours (guards against reused pids).
record_pid() { mkdir -p "$RUN_DIR"; printf '%s\n%s\n' "$2" "$3" > "$RUN_DIR/$1.pid"; }

# Prints the pid when <name> was started by us and is still running; fails otherwise.
our_pid() {
  local f="$RUN_DIR/$1.pid" pid marker
  [[ -f "$f" ]] || return 1
  { read -r pid; read -r marker; } < "$f" || true
  [[ -n "${pid:-}" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  printf '%s\n' "$pid"
}

# Component names in start order (stop.sh walks them backwards).
components() {
  local i
  echo redis-node1; echo redis-node2
  for i in "${!SENTINEL_PORT_LIST[@]}"; do echo "sentinel-node$((i + 1))"; done
  for i in "${!RELAY_PORT_LIST[@]}"; do echo "relay-node$((i + 1))"; done
  echo nginx-lb
}

# HTTP status code of a GET (000 when nothing answers).
http_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true; }
