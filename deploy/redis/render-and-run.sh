#!/bin/sh
# Renders a Redis or Sentinel config template once, then runs redis-server on it.
#   render-and-run.sh <template> <target> [extra redis-server arguments, e.g. --sentinel]
# Environment: REDIS_PASSWORD (required), ANNOUNCE_IP (required), MASTER_IP (sentinels),
#   REPLICAOF ("host port", the initial master, replicas only), BIND (default 0.0.0.0).
# The target lives in the container's data volume and is rendered only when absent: Redis and
# Sentinel rewrite it at runtime (roles after a failover), and that state must survive restarts.
# Use a password without quotes, spaces or backslashes (openssl rand -hex 32).
set -eu
tmpl=$1
target=$2
shift 2
: "${REDIS_PASSWORD:?REDIS_PASSWORD must be set (in .env)}"
: "${ANNOUNCE_IP:?ANNOUNCE_IP must be set (the WireGuard address of this host)}"

# Escapes a value for the replacement side of a sed s||| command.
esc() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

if [ ! -s "$target" ]; then
  case $REDIS_PASSWORD in *'"'*|*' '*|*'\'*) echo "REDIS_PASSWORD must not contain quotes, spaces or backslashes" >&2; exit 1 ;; esac
  sed -e "s|@REDIS_PASSWORD@|$(esc "$REDIS_PASSWORD")|g" \
      -e "s|@ANNOUNCE_IP@|$(esc "$ANNOUNCE_IP")|g" \
      -e "s|@MASTER_IP@|$(esc "${MASTER_IP:-}")|g" \
      -e "s|@BIND@|$(esc "${BIND:-0.0.0.0}")|g" \
      "$tmpl" > "$target.tmp"
  if [ -n "${REPLICAOF:-}" ]; then
    printf '\n# Initial master (Sentinel rewrites this line after a failover).\nreplicaof %s\n' "$REPLICAOF" >> "$target.tmp"
  fi
  chmod 600 "$target.tmp"
  mv "$target.tmp" "$target"
  echo "rendered $target from $tmpl"
fi

# The official image runs as root until its entrypoint drops privileges; ours is not its
# entrypoint's redis-server command, so drop them here (the data volume may be root-owned).
if [ "$(id -u)" = 0 ] && command -v su-exec >/dev/null 2>&1; then
  chown -R redis:redis "$(dirname "$target")"
  exec su-exec redis redis-server "$target" "$@"
fi
exec redis-server "$target" "$@"
