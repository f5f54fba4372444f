#!/usr/bin/env bash
# State of the local topology started by deploy/local/start.sh: processes, which node Sentinel
# calls master, each Redis node's replication role, each relay's /health, and nginx-lb.
# Exit status 0 when everything is up and healthy, 1 otherwise.
set -uo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ -d "$BASE" ]] || die "$BASE does not exist: nothing started (./start.sh)"
bad=0
mark() { if [[ $1 == ok ]]; then printf '  %-16s %s\n' "$2" "$3"; else printf '! %-16s %s\n' "$2" "$3"; bad=1; fi; }

echo "processes ($RUN_DIR):"
for c in $(components); do
  if pid=$(our_pid "$c"); then mark ok "$c" "pid $pid"; else mark bad "$c" "not running"; fi
done

echo "sentinel (get-master-addr-by-name $MASTER_NAME):"
masters=()
for i in "${!SENTINEL_PORT_LIST[@]}"; do
  p=${SENTINEL_PORT_LIST[$i]}
  m=$(scli "$p" sentinel get-master-addr-by-name "$MASTER_NAME" 2>/dev/null | paste -sd: -)
  if [[ -n "$m" ]]; then
    info=$(scli "$p" sentinel master "$MASTER_NAME" 2>/dev/null | paste -sd' ' -)
    replicas=$(sed -n 's/.*num-slaves \([0-9]*\).*/\1/p' <<< "$info")
    others=$(sed -n 's/.*num-other-sentinels \([0-9]*\).*/\1/p' <<< "$info")
    mark ok "sentinel-node$((i + 1))" ":$p says master $m (replicas $replicas, other sentinels $others)"
    masters+=("$m")
  else
    mark bad "sentinel-node$((i + 1))" ":$p no answer"
  fi
done
if (( ${#masters[@]} > 0 )) && [[ $(printf '%s\n' "${masters[@]}" | sort -u | wc -l) != 1 ]]; then
  mark bad "sentinels" "disagree about the master: ${masters[*]}"
fi

echo "redis (info replication):"
n=0
for p in "$REDIS_MASTER_PORT" "$REDIS_REPLICA_PORT"; do
  n=$((n + 1))
  info=$(rcli "$p" info replication 2>/dev/null | tr -d '\r')
  role=$(sed -n 's/^role://p' <<< "$info")
  case $role in
    master) mark ok "redis-node$n" ":$p role master, connected replicas $(sed -n 's/^connected_slaves://p' <<< "$info")" ;;
    slave) link=$(sed -n 's/^master_link_status://p' <<< "$info")
           mark "$([[ $link == up ]] && echo ok || echo bad)" "redis-node$n" \
             ":$p role replica of $(sed -n 's/^master_host://p' <<< "$info"):$(sed -n 's/^master_port://p' <<< "$info"), link $link" ;;
    *) mark bad "redis-node$n" ":$p no answer" ;;
  esac
done

echo "relay nodes (GET /health):"
for i in "${!RELAY_PORT_LIST[@]}"; do
  p=${RELAY_PORT_LIST[$i]}
  body=$(curl -s -m 5 -w '\n%{http_code}' "http://127.0.0.1:$p/health" 2>/dev/null)
  code=${body##*$'\n'}; body=${body%$'\n'*}
  # {status, ..., components:{redis:{status, connected, latency, role}}}: the store as this node sees it
  summary=$(sed -n 's/^{"status":"\([a-z]*\)".*"redis":{"status":"\([a-z]*\)","connected":\([a-z]*\),"latency":"\([^"]*\)","role":"\([^"]*\)".*/\1, redis \2 (connected \3, role \5, latency \4)/p' <<< "$body")
  mark "$([[ $code == 200 ]] && echo ok || echo bad)" "relay-node$((i + 1))" ":$p HTTP ${code:-000} ${summary:-${body:0:160}}"
done

echo "nginx-lb:"
code=$(http_code "http://127.0.0.1:$NGINX_PORT/health")
mark "$([[ $code == 200 ]] && echo ok || echo bad)" "nginx-lb" ":$NGINX_PORT /health through the balancer: HTTP $code"
exit $bad
