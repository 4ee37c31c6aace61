#!/usr/bin/env bash
# Starts the demo: builds what is needed (tests skipped), then runs Keycloak with the extension and the
# demo realm next to the payer sandbox. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building keycloak-payer-access (tests skipped)..."
./mvnw -B -q -DskipTests package
exec java -cp it-tests/target/payer-sandbox.jar dev.payeraccess.launch.DemoMain "$@"
