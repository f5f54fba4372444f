#!/usr/bin/env bash
# JMH benchmarks of the hot pure code. Builds the relay jar if missing, compiles this project
# against it, then runs JMH with any arguments given (default: all benchmarks, short settings).
#   bench/jmh/run.sh                       # everything, ~5 minutes
#   bench/jmh/run.sh SseUsage -f 1 -wi 3   # one class, JMH options as usual
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$ROOT/relay-server/target/claude-relay.jar
if [ ! -f "$JAR" ]; then (cd "$ROOT" && mvn -B -q -DskipTests package); fi
(cd "$HERE" && mvn -B -q package)
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt"):$JAR"
# JMH forks its measurement JVMs with the same class path.
if [ $# -eq 0 ]; then set -- -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff "$HERE/target/jmh-result.json"; fi
exec java -cp "$CP" org.openjdk.jmh.Main "$@"
