#!/usr/bin/env bash
# Installs the test-only IAM simulator oracle (AGPL-3.0; run as a separate process by the
# differential test, never linked, copied or shipped) into DEST/node_modules with `npm ci`
# from the pinned lockfile. Without node/npm it says so and exits 0 (the differential test
# then skips), except in CI (CI=true), where a missing oracle is a failure.
set -euo pipefail
dest=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node/npm not found: the differential test against the IAM simulator will be skipped"
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
if [ -f "$dest/node_modules/@cloud-copilot/iam-simulate/package.json" ] &&
   cmp -s "$here/package-lock.json" "$dest/node_modules/.package-lock.json" 2>/dev/null; then
  exit 0
fi
cd "$dest"
npm ci --no-audit --no-fund --loglevel=error
