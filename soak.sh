#!/usr/bin/env bash
# Soaks the extension on a two-node cluster: PostgreSQL, two Keycloak nodes and nginx (all on loopback, started and
# stopped by the program), members linked through the real pages, then readers reading their claims through nginx
# for N minutes while the plan's tokens expire every minute. Prints a line a minute, then errors (goal 0), plan
# refreshes per token expiry (goal 1) and each node's heap after GC at start and end (goal flat). Needs Debian's
# postgresql and nginx. Optional arguments (key=value): minutes=10 readers=32 members=4 tokenSeconds=60
set -euo pipefail
cd "$(dirname "$0")"
echo "Building keycloak-payer-access (tests skipped)..."
./mvnw -B -q -DskipTests -pl it-tests/benchmark -am package dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
bench=it-tests/benchmark/target
exec java -cp "$bench/classes:$(cat "$bench/runtime-classpath.txt")" dev.payeraccess.bench.ClusterSoak "$@"
