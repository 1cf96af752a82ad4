#!/usr/bin/env bash
# Benchmark: iamlint check end to end versus parse-only baselines, measured in the same run.
# usage: bench/run.sh [SIZE_MB...]   (default: 1 10 100)
# Needs: a built ./build/iamlint, jq, python3, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 100)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # prints "seconds max_rss_kb" for a command
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  cat "$work/time"
}

printf "| plan | iamlint check | jq empty | python json.load | iamlint / jq | iamlint / python | iamlint peak RSS |\n"
printf "|---|---|---|---|---|---|---|\n"
for mb in "${sizes[@]}"; do
  f="$work/plan-$mb.json"
  python3 bench/gen_plan.py "$mb" "$f"
  cat "$f" >/dev/null  # warm the page cache for every contender alike
  read -r t_i rss_i < <(measure ./build/iamlint check --fail-on never "$f")
  read -r t_j _ < <(measure jq empty "$f")
  read -r t_p _ < <(measure python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f")
  real=$(du -m "$f" | cut -f1)
  awk -v mb="$real" -v ti="$t_i" -v tj="$t_j" -v tp="$t_p" -v rss="$rss_i" 'BEGIN {
    printf "| %d MB | %.2f s | %.2f s | %.2f s | %.2fx | %.2fx | %.0f MB |\n",
      mb, ti, tj, tp, (tj > 0 ? ti / tj : 0), (tp > 0 ? ti / tp : 0), rss / 1024 }'
done
