#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60),
# seeded from fixtures/ and ../shared/corpus. Crashes are written to build-fuzz/crashes/.
# usage: tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DIAMLINT_FUZZ=ON -DIAMLINT_SANITIZE=ON -DIAMLINT_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j2 --target fuzz_json fuzz_load
seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds" build-fuzz/crashes
n=0
while IFS= read -r -d '' f; do
  [ "$(stat -c %s "$f")" -le 1000000 ] || continue
  n=$((n + 1))
  # fuzz_load reads a leading selector byte: seed with detection (0) and plan (1).
  cp "$f" "$seeds/json-$n"
  { printf '\000'; cat "$f"; } >"$seeds/load-$n-0"
  { printf '\001'; cat "$f"; } >"$seeds/load-$n-1"
done < <(find fixtures ../shared/corpus -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.tfstate' \) -print0 2>/dev/null)
echo "seeded with $n files"
for target in fuzz_json fuzz_load; do
  mkdir -p "build-fuzz/corpus-$target"
  prefix=json; [ "$target" = fuzz_load ] && prefix=load
  echo "== $target for ${seconds}s"
  build-fuzz/tests/fuzz/$target "build-fuzz/corpus-$target" "$seeds" -max_total_time="$seconds" \
    -max_len=200000 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/crashes/ 2>&1 |
    grep -E "^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)" || true
  if ls build-fuzz/crashes/* >/dev/null 2>&1; then
    echo "crash found: see build-fuzz/crashes/" >&2
    exit 1
  fi
done
