#!/usr/bin/env bash
# Policy evaluations per second: iamlint's engine beside the IAM simulator oracle
# (@cloud-copilot/iam-simulate, test-only) on the same generated cases, in the same run.
# usage: bench/eval_bench.sh [N]   (needs a built build/ and node; installs the oracle there)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
tests/oracle/install.sh build/test-tools/oracle >/dev/null
cases=$(mktemp)
trap 'rm -f "$cases"' EXIT
read -r _ n_ours s_ours _ < <(build/iamlint_eval_bench "$n" "$cases")
start=$(date +%s.%N)
node tests/oracle/oracle.mjs "$cases" build/test-tools/oracle/node_modules >/dev/null
end=$(date +%s.%N)
awk -v n="$n_ours" -v so="$s_ours" -v st="$(echo "$end - $start" | bc -l)" 'BEGIN {
  printf "| engine | cases | seconds | evaluations/s |\n|---|---|---|---|\n"
  printf "| iamlint | %d | %.3f | %.0f |\n", n, so, n / so
  printf "| iam-simulate (node, incl. start-up) | %d | %.3f | %.0f |\n", n, st, n / st
  printf "\niamlint is %.1fx the simulator'\''s rate\n", (n / so) / (n / st)
}'
