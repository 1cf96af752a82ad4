#!/usr/bin/env bash
# Builds the .deb with cpack and installs it with apt into a clean, minimal Debian 12 made by
# debootstrap (packages from deb.debian.org), then runs the installed binary there and removes
# the package again. Needs root, debootstrap and network access to the Debian mirror (CI has
# them). usage: deb_test.sh BUILD_DIR [CHROOT_DIR]
set -euo pipefail
build=$(cd "$1" && pwd)
root=${2:-$build/debian12-root}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

(cd "$build" && cpack -G DEB >"$build/cpack.log" 2>&1) || { cat "$build/cpack.log"; exit 1; }
deb=$(ls "$build"/iamlint_*.deb | head -n1)
echo "built $(basename "$deb")"
dpkg-deb --field "$deb" Package Version Architecture Depends
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/iamlint ./usr/share/doc/iamlint/examples/seed-before.plan.json \
  ./usr/share/doc/iamlint/licenses/LICENSE.iam-data; do
  grep -q " $f\$" <<<"$contents" || { echo "missing from the package: $f"; exit 1; }
done

if [ ! -x "$root/usr/bin/apt-get" ]; then
  rm -rf "$root"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$build/debootstrap.log" 2>&1 ||
    { tail -20 "$build/debootstrap.log"; exit 1; }
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
cp "$deb" "$root/tmp/iamlint.deb"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
in_root apt-get update -qq
# A clean system: iamlint and its runtime libraries are not there before.
if in_root sh -c 'command -v iamlint'; then echo "iamlint already in the clean root"; exit 1; fi
apt_in_root() {  # apt's output goes to a log, shown when it fails
  in_root env DEBIAN_FRONTEND=noninteractive apt-get -y -qq "$@" >"$build/apt-in-root.log" 2>&1 ||
    { cat "$build/apt-in-root.log"; exit 1; }
}
apt_in_root install /tmp/iamlint.deb
in_root iamlint --version
set +e
out=$(in_root iamlint check /usr/share/doc/iamlint/examples/seed-before.plan.json)
code=$?
set -e
[ $code = 1 ] || { echo "installed iamlint on seed-before: exit $code, want 1"; echo "$out"; exit 1; }
grep -q "AMP001" <<<"$out" || { echo "$out"; exit 1; }
in_root iamlint check /usr/share/doc/iamlint/examples/seed-after.plan.json
apt_in_root remove iamlint
if in_root sh -c 'command -v iamlint'; then echo "iamlint still installed after removal"; exit 1; fi
echo "the .deb installs, runs and uninstalls on a clean Debian 12"
