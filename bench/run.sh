#!/usr/bin/env bash
# Benchmark: iamlint check end to end beside parse-only baselines, all measured in the same run
# on the same generated plans (bench/gen_plan.py: Amplify apps wired as in the seed story,
# broken and fixed, in modules, among ~100x as many unrelated resources).
# Reports wall time, throughput, peak RSS and ratios as a Markdown table.
# usage: bench/run.sh [SIZE_MB...]   (default: 1 10 100)
# Needs: a built build/ (with build/simdjson_parse when libsimdjson-dev is installed), jq,
# python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 100)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # best of 3 runs: "seconds max_rss_kb"
  local best="" rss=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r t m <"$work/time"
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$t
      rss=$m
    fi
  done
  echo "$best $rss"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
echo
echo "| plan | iamlint check | MB/s | peak RSS (x file) | simdjson parse | jq empty | python json.load | iamlint / simdjson | python / iamlint |"
echo "|---|---|---|---|---|---|---|---|---|"
for mb in "${sizes[@]}"; do
  f="$work/plan-$mb.json"
  python3 bench/gen_plan.py "$mb" "$f"
  cat "$f" >/dev/null  # warm the page cache alike for every contender
  size=$(stat -c %s "$f")
  read -r t_i rss_i < <(measure build/iamlint check --fail-on never "$f")
  t_s=-1
  if [ -x build/simdjson_parse ]; then read -r t_s _ < <(measure build/simdjson_parse "$f"); fi
  read -r t_j _ < <(measure jq empty "$f")
  read -r t_p _ < <(measure python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f")
  awk -v size="$size" -v ti="$t_i" -v ts="$t_s" -v tj="$t_j" -v tp="$t_p" -v rss="$rss_i" 'BEGIN {
    mb = size / 1048576
    printf "| %.1f MB | %.2f s | %.0f | %.0f MB (%.1fx) | %s | %.2f s | %.2f s | %s | %.1fx |\n",
      mb, ti, (ti > 0 ? mb / ti : 0), rss / 1024, (rss * 1024) / size,
      (ts < 0 ? "n/a" : sprintf("%.2f s", ts)), tj, tp,
      (ts > 0 ? sprintf("%.2fx", ti / ts) : (ts < 0 ? "n/a" : "-")), (ti > 0 ? tp / ti : 0) }'
done
