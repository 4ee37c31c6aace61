#!/usr/bin/env bash
# Starts the demo: builds what is needed (tests skipped), then runs Keycloak with the extension and the
# demo realm next to the payer sandbox. Ctrl-C stops everything.
#   ./demo.sh            one Keycloak node (dev-file database)
#   ./demo.sh --cluster  two nodes on PostgreSQL behind nginx on the same port (needs Debian's postgresql and nginx)
set -euo pipefail
cd "$(dirname "$0")"
echo "Building keycloak-payer-access (tests skipped)..."
# it-tests/keycloak-stack and what it needs: the extension, the realms, the payer sandbox.
./mvnw -B -q -DskipTests -pl it-tests/keycloak-stack -am package dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
stack=it-tests/keycloak-stack/target
exec java -cp "$stack/classes:$(cat "$stack/runtime-classpath.txt")" dev.payeraccess.launch.DemoMain "$@"
