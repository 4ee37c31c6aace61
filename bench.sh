#!/usr/bin/env bash
# Benchmarks the FHIR proxy against direct calls to the payer sandbox and against Keycloak's floor (GET links, the
# same bearer check without a plan call): latency, throughput, Keycloak's CPU and allocation per request, and what
# Keycloak does while a 100 MB bundle streams through; prints the results against the goals (PASS/MISS). Builds
# what is needed (tests skipped), starts its own Keycloak and sandbox on free ports, stops both at the end. A few
# minutes.
# Optional arguments (key=value): warmup=2000 requests=1000 seconds=12 clients=32 readBytes=10240
# largeBytes=100000000 cpus=shared|split (split: Keycloak and the sandbox on separate cores)
# jfr=/tmp/bench-profile (afterwards, JFR recordings of Keycloak proxying the reads and the bundle, and a summary
# of where Keycloak spent CPU and allocation; JAVA_OPTS_APPEND=-XX:FlightRecorderOptions:stackdepth=256 in the
# environment keeps Keycloak's deep stacks whole).
# fhirGatewayJar=/path/to/fhir-gateway-exec.jar (google/fhir-gateway built from its sources, see the README: its
# rows beside the proxy's on the same search; nginx's rows come whenever Debian's nginx is installed).
# ./bench.sh startup [runs=3]: Keycloak's startup without and with the extension, same build options, instead.
# The cluster soak is ./soak.sh.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building keycloak-payer-access (tests skipped)..."
# it-tests/benchmark and what it needs: the Keycloak stack, the sandbox and the integration tests' fixtures.
./mvnw -B -q -DskipTests -pl it-tests/benchmark -am package dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
bench=it-tests/benchmark/target
main=dev.payeraccess.bench.ProxyBenchmark
if [ "${1:-}" = startup ]; then
  main=dev.payeraccess.bench.StartupCost
  shift
fi
exec java -cp "$bench/classes:$(cat "$bench/runtime-classpath.txt")" "$main" "$@"
