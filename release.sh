#!/usr/bin/env bash
# The release command: ./release.sh 1.0.0
#
# Builds the committed HEAD as version 1.0.0, in a fresh clone (nothing of this working tree's target/ folders can slip
# in), and writes into target/release/1.0.0/:
#   keycloak-payer-access-1.0.0.jar          the extension: the one file to put into Keycloak's providers/
#   keycloak-payer-access-1.0.0-sources.jar  every source tree the JAR is compiled from
#   keycloak-payer-access-1.0.0-javadoc.jar
#   keycloak-payer-access-1.0.0.cdx.json     CycloneDX SBOM of what the JAR contains
#   RELEASE-NOTES.md                         this version's section of CHANGELOG.md
#   SHA256SUMS                               check with: sha256sum -c SHA256SUMS
#
# Main carries the next version as X.Y.Z-SNAPSHOT; this command sets X.Y.Z only in its clone, so the commit it
# builds is the one to tag. Every entry of every JAR carries the commit's time (project.build.outputTimestamp):
# running the command again on the same commit, with the same JDK major version, gives the same bytes. It runs
# ReleaseJarIT on the JAR it built; the whole suite is CI's job on that commit. Needs network access (the CycloneDX
# plugin runs online only).
set -euo pipefail
cd "$(dirname "$0")"

version="${1:-}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "usage: ./release.sh MAJOR.MINOR.PATCH   (e.g. ./release.sh 1.0.0)" >&2
  exit 2
fi
if [ -n "$(git status --porcelain)" ]; then
  echo "release.sh builds a commit: commit or stash the changes shown by 'git status' first" >&2
  exit 1
fi
pom_version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
if [ "$pom_version" != "$version-SNAPSHOT" ]; then
  echo "pom.xml says the next release is ${pom_version%-SNAPSHOT}, not $version: set <version>$version-SNAPSHOT</version>" \
    "in every pom.xml first (./mvnw versions:set -DnewVersion=$version-SNAPSHOT -DgenerateBackupPoms=false)" >&2
  exit 1
fi
if ! grep -q "^## \[$version\]" CHANGELOG.md; then
  echo "CHANGELOG.md has no '## [$version]' section: write the release notes first" >&2
  exit 1
fi

commit=$(git rev-parse HEAD)
timestamp=$(TZ=UTC git show -s --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ "$commit")
out="$PWD/target/release/$version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Building $commit ($timestamp) as $version in $work/src"
git clone -q --no-hardlinks . "$work/src"
git -C "$work/src" checkout -q --detach "$commit"
(
  cd "$work/src"
  ./mvnw -B -q versions:set -DnewVersion="$version" -DgenerateBackupPoms=false -DprocessAllModules=true
  ./mvnw -B -P release -pl provider -am verify -Dproject.build.outputTimestamp="$timestamp" \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
)

built="$work/src/provider/target"
if [ ! -f "$built/keycloak-payer-access-$version.cdx.json" ]; then
  echo "No SBOM was written: the CycloneDX plugin skips offline builds; run without -o (MAVEN_ARGS)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
cp "$built/keycloak-payer-access-$version.jar" "$built/keycloak-payer-access-$version-sources.jar" \
  "$built/keycloak-payer-access-$version-javadoc.jar" "$built/keycloak-payer-access-$version.cdx.json" "$out/"
# This version's section of the changelog: from its heading to the next version's.
awk -v heading="## [$version]" 'index($0, heading) == 1 {keep = 1; print; next} keep && /^## \[/ {exit} keep' \
  CHANGELOG.md > "$out/RELEASE-NOTES.md"
(cd "$out" && sha256sum -- *.jar *.json RELEASE-NOTES.md > SHA256SUMS)

echo
echo "Release $version of $commit in $out:"
(cd "$out" && cat SHA256SUMS)
echo
echo "Tag it:  git tag -a v$version $commit -m 'keycloak-payer-access $version' && git push origin v$version"
echo "Then attach the files above to the v$version release, and set main to the next version:"
echo "  ./mvnw versions:set -DnewVersion=<next>-SNAPSHOT -DgenerateBackupPoms=false -DprocessAllModules=true"
