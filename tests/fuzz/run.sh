#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60),
# seeded from fixtures/, tests/fuzz/seeds (self-references, module cycles, deep module chains,
# long digit strings, hostile text), ../shared/corpus and the README's configuration examples;
# the loader targets use tests/fuzz/dict/loaders.dict. Targets run
# FUZZ_JOBS at a time (default 1). Crashes are written to BUILD/crashes/TARGET-*; the
# script fails when there is one. BUILD is build-fuzz, configured here, or FUZZ_BUILD: a tree
# already configured with clang and -DIAMLINT_FUZZ=ON (CI's sanitized test build).
# usage: [FUZZ_JOBS=N] [FUZZ_BUILD=DIR] tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_json fuzz_policy fuzz_config fuzz_load fuzz_plan
  fuzz_state fuzz_aws_cli fuzz_policy_file fuzz_cloudformation fuzz_hcl fuzz_tfeval)
build=${FUZZ_BUILD:-}
if [ -z "$build" ]; then
  build=build-fuzz
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DIAMLINT_FUZZ=ON -DIAMLINT_SANITIZE=ON -DIAMLINT_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target "${targets[@]}"
seeds=$build/seeds
rm -rf "$seeds" "$build/crashes" && mkdir -p "$seeds" "$build/crashes" "$build/logs"
n=0
while IFS= read -r -d '' f; do
  [ "$(stat -c %s "$f")" -le 1000000 ] || continue
  n=$((n + 1))
  cp "$f" "$seeds/$n"
done < <(find fixtures tests/fuzz/seeds ../shared/corpus -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \
  -o -name '*.tfstate' -o -name '*.template' -o -name '*.tf' -o -name '*.tfvars' \
  -o -name '*.tftpl' \) -print0 2>/dev/null)
# The README's YAML examples (configuration files among them).
awk '/^```yaml/ { n++; out = sprintf("'"$seeds"'/readme-%d.yaml", n); next }
     /^```/ { out = ""; next }
     out != "" { print > out }' README.md
echo "seeded with $n files and $(ls "$seeds"/readme-* 2>/dev/null | wc -l) README examples"

run_one() {  # TARGET: runs it, prints its summary, returns 1 on a crash
  local target=$1
  mkdir -p "$build/corpus-$target"
  local dict=()
  case $target in fuzz_json | fuzz_config | fuzz_hcl | fuzz_tfeval) ;; *) dict=(-dict=tests/fuzz/dict/loaders.dict) ;; esac
  "$build/tests/fuzz/$target" "$build/corpus-$target" "$seeds" -max_total_time="$seconds" \
    "${dict[@]}" \
    -max_len=200000 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$target-" >"$build/logs/$target.log" 2>&1 || true
  local execs
  execs=$(awk '/stat::number_of_executed_units/ { print $NF }' \
    "$build/logs/$target.log")
  if ls "$build/crashes/$target-"* >/dev/null 2>&1; then
    echo "== $target: CRASH after ${execs:-?} executions ($build/logs/$target.log)"
    grep -E "==[0-9]+==ERROR|SUMMARY|runtime error" "$build/logs/$target.log" | head -5
    return 1
  fi
  echo "== $target: ${seconds}s, ${execs:-?} executions, no crash"
}
export -f run_one
export seconds seeds build
printf '%s\n' "${targets[@]}" | xargs -P "${FUZZ_JOBS:-1}" -I{} bash -c 'run_one {}'
