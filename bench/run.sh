#!/usr/bin/env bash
# Benchmark: iamlint check end to end beside parse-only baselines, all measured in the same run
# on the same generated plans (bench/gen_plan.py: compact `terraform show -json` output with
# planned_values, resource_changes, prior_state and configuration; Amplify apps wired as in
# the seed story, broken and fixed, in modules, among ~100x as many unrelated resources).
# Reports wall time, throughput, peak RSS and ratios as a Markdown table, checks the floors of
# issue 5, and times the seed plan against `jq empty`.
#
# usage: bench/run.sh [--readme] [SIZE_MB...]   (default sizes: 1 10 100 500)
#   --readme   also writes the table into README.md (between the bench markers)
# Generated plans are cached in build/bench/ (named after the generator's hash).
# Needs: a built build/ (with build/simdjson_parse when libsimdjson-dev is installed), jq,
# python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
readme=0
sizes=()
for a in "$@"; do
  case "$a" in
    --readme) readme=1 ;;
    *) sizes+=("$a") ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 100 500)
runs=${RUNS:-3}
cache=build/bench
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen_hash=$(sha256sum bench/gen_plan.py | cut -c1-12)

measure() {  # best of $runs: "seconds max_rss_kb" (wall time to the millisecond)
  local best="" rss="" start end t m
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
    m=$(tail -n 1 "$work/time")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$t
      rss=$m
    fi
  done
  echo "$best $rss"
}

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
machine="$(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), Linux $(uname -r | cut -d- -f1)"
table="$work/table.md"
{
  echo "| plan | iamlint check | MB/s | peak RSS (x file) | simdjson parse | jq empty | python json.load | iamlint / simdjson | python / iamlint |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >"$table"
results="$work/results"
: >"$results"
for mb in "${sizes[@]}"; do
  f="$cache/plan-$mb-$gen_hash.json"
  if [ ! -f "$f" ]; then
    rm -f "$cache/plan-$mb-"*.json
    echo "generating a $mb MB plan..." >&2
    python3 bench/gen_plan.py "$mb" "$f.tmp" && mv "$f.tmp" "$f"
  fi
  cat "$f" >/dev/null  # warm the page cache alike for every contender
  size=$(stat -c %s "$f")
  echo "timing the $mb MB plan..." >&2
  read -r t_i rss_i < <(measure build/iamlint check --fail-on never "$f")
  t_s=-1
  rss_s=0
  if [ -x build/simdjson_parse ]; then read -r t_s rss_s < <(measure build/simdjson_parse "$f"); fi
  read -r t_j _ < <(measure jq empty "$f")
  read -r t_p _ < <(measure python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f")
  echo "$mb $size $t_i $rss_i $t_s $rss_s $t_j $t_p" >>"$results"
  awk -v size="$size" -v ti="$t_i" -v ts="$t_s" -v tj="$t_j" -v tp="$t_p" -v rss="$rss_i" 'BEGIN {
    mb = size / 1048576
    printf "| %.1f MB | %.3f s | %.0f | %.0f MB (%.2fx) | %s | %.2f s | %.2f s | %s | %.1fx |\n",
      mb, ti, (ti > 0 ? mb / ti : 0), rss / 1024, (rss * 1024) / size,
      (ts < 0 ? "n/a" : sprintf("%.3f s", ts)), tj, tp,
      (ts > 0 && ti > 0 ? sprintf("%.2fx", ti / ts) : (ts < 0 ? "n/a" : "-")),
      (ti > 0 ? tp / ti : 0) }' >>"$table"
done

# The seed plan: a pre-commit-sized input, bundled AWS data loaded, beside jq empty.
seed=fixtures/plans/seed-before.plan.json
per_run() {  # mean wall seconds of N runs of a command, as measured by perf stat when present
  local n=$1
  shift
  if command -v perf >/dev/null && perf stat -r 1 true >/dev/null 2>&1; then
    perf stat -r "$n" "$@" 2>&1 >/dev/null | awk '/seconds time elapsed/ {print $1}'
  else
    local start end
    start=$(date +%s.%N)
    for _ in $(seq "$n"); do "$@" >/dev/null 2>&1 || true; done
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "%.6f\n", (e - s) / n }'
  fi
}
seed_i=$(per_run 20 build/iamlint check --fail-on never "$seed")
seed_j=$(per_run 20 jq empty "$seed")

# A folder of 1,000 small plans (copies of the seed plan): on all cores, and on one core
# (taskset) for comparison.
many=$cache/many-plans
if [ "$(find "$many" -name '*.json' 2>/dev/null | wc -l)" != 1000 ]; then
  rm -rf "$many" && mkdir -p "$many"
  for i in $(seq -w 1 1000); do cp "$seed" "$many/plan-$i.json"; done
fi
many_best=""
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %P" -o "$work/time" build/iamlint check --fail-on never "$many" \
    >/dev/null 2>&1 || true
  read -r t p < <(tail -n 1 "$work/time")
  if [ -z "$many_best" ] || awk -v a="$t" -v b="${many_best% *}" 'BEGIN { exit !(a < b) }'; then
    many_best="$t ${p%\%}"
  fi
done
many_one=""
if command -v taskset >/dev/null; then
  many_one=$(measure taskset -c 0 build/iamlint check --fail-on never "$many")
fi

{
  echo "Machine: $machine. Best of $runs runs, warm page cache, in the same run of \`bench/run.sh\`."
  echo
  cat "$table"
  echo
  awk -v si="$seed_i" -v sj="$seed_j" '
    { mb[NR] = $1; size[NR] = $2; ti[NR] = $3; rss[NR] = $4; ts[NR] = $5; tj[NR] = $7; tp[NR] = $8 }
    END {
      for (i = 2; i <= NR; i++) {
        if (ti[i - 1] > 0) {
          printf "- Cost against size: %g MB -> %g MB is %.1fx the size, %.2fx the time (floor: at most %.1fx).\n",
            mb[i - 1], mb[i], size[i] / size[i - 1], ti[i] / ti[i - 1], 1.1 * size[i] / size[i - 1]
        }
      }
      printf "- Seed plan (%s): iamlint check %.1f ms end to end, jq empty %.1f ms (%.2fx; floor: under 0.5x).\n",
        "fixtures/plans/seed-before.plan.json", si * 1000, sj * 1000, si / sj
      split(many, m, " ")
      printf "- A folder of 1,000 copies of the seed plan: %.2f s at %d%% CPU on %d cores", m[1], m[2], cores
      if (one != "") { split(one, o, " "); printf " (one core: %.2f s, %.2fx the time)", o[1], o[1] / m[1] }
      printf ".\n"
    }' many="$many_best" one="$many_one" cores="$(nproc)" "$results"
} >"$work/section.md"
cat "$work/section.md"

# The floors of issue 5, on the plan closest to 100 MB.
awk '
  function abs(x) { return x < 0 ? -x : x }
  { d = abs($1 - 100); if (best == "" || d < bestd) { best = NR; bestd = d; line = $0 } }
  END {
    split(line, f, " ")
    mb = f[1]; size = f[2]; ti = f[3]; rss = f[4]; ts = f[5]; tp = f[8]
    printf "\nFloors on the %g MB plan:\n", mb
    if (ts > 0) printf "  iamlint / simdjson = %.2f (floor <= 1.5): %s\n", ti / ts, (ti / ts <= 1.5 ? "met" : "NOT MET")
    printf "  python / iamlint = %.1f (floor >= 4): %s\n", tp / ti, (tp / ti >= 4 ? "met" : "NOT MET")
    printf "  peak RSS / file = %.2f (floor <= 1.2): %s\n", rss * 1024 / size, (rss * 1024 / size <= 1.2 ? "met" : "NOT MET")
  }' "$results" >&2

if [ "$readme" = 1 ]; then
  python3 - "$work/section.md" <<'EOF'
import re, sys
section = open(sys.argv[1]).read().strip()
text = open("README.md").read()
begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
if begin not in text or end not in text:
    sys.exit("README.md has no bench markers")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open("README.md", "w").write(head + begin + "\n" + section + "\n" + end + tail)
print("README.md updated", file=sys.stderr)
EOF
fi
