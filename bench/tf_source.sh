#!/usr/bin/env bash
# Benchmark of the Terraform source loader (issue 13): `iamlint check TREE` on a generated
# monorepo of .tf roots and modules, beside `terraform fmt -check -recursive TREE` (Go's HCL
# parser, reading and formatting every file) as the baseline, both measured in the same run on
# the same tree with a warm page cache.
#
# The tree comes from bench/gen_tf_tree.py (services x environments roots calling local
# modules, IAM written every usual way; scale 1 is about 1,800 files and 5 MB). Trees are
# cached in build/bench/ under the hash of the generator and of the shared modules it copies
# (fixtures/tf-modules/modules), so a changed generator makes new trees.
#
# For each scale (default: 1 and 2) it reports the best of RUNS (default 3) wall times, the
# peak RSS and CPU time (user + system, from GNU time, of the best run; CPU time is the steadier
# figure on a loaded machine) and the ratio of wall times iamlint / terraform fmt, as a
# Markdown table; then the cost against size between consecutive scales (how many times the
# bytes, how many times iamlint's time: linear when the two match), and the issue's target
# (iamlint at most 0.25x terraform fmt on the scale-1 tree).
#
# Exit codes of iamlint: 0 (nothing found) and 1 (findings: the generated tree has some on
# purpose) are both a measured run; 2 is an input error -- the run is still timed, but the
# table marks it and the script prints iamlint's first error lines and exits 2 at the end,
# since a tree Terraform accepts must never be an input error. Anything else (a crash) stops
# the script. Until the .tf loader lands, iamlint skips .tf files ("N skipped" in its summary,
# shown in the table's last column), so the times measure only the directory walk.
# `terraform fmt -check` exits 0, or 3 when some file is not formatted (reported; the
# generator's output is meant to be fmt-clean); anything else stops the script.
#
# usage: [RUNS=3] [IAMLINT=build/iamlint] bench/tf_source.sh [SCALE...]   (default scales: 1 2)
# Needs: a built build/iamlint, terraform on PATH, python3, GNU time (/usr/bin/time).
# Not part of CI: it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1 2)
runs=${RUNS:-3}
iamlint=${IAMLINT:-build/iamlint}
[ -x "$iamlint" ] || { echo "tf_source.sh: $iamlint is not built" >&2; exit 2; }
command -v terraform >/dev/null || { echo "tf_source.sh: terraform is not on PATH" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "tf_source.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }
export TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1
cache=build/bench
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen_hash=$( (cat bench/gen_tf_tree.py; find fixtures/tf-modules/modules -type f | LC_ALL=C sort |
  xargs cat) | sha256sum | cut -c1-12)

# measure NAME OK_CODES CMD...: best of $runs wall times; prints "seconds max_rss_kb code
# cpu_seconds" (RSS, exit code and user+system CPU time of the best run).
# OK_CODES is a space-separated list of exit codes that count as a run; any other stops us.
measure() {
  local name=$1 ok=$2
  shift 2
  local best="" rss="" code="" cpu="" start end t m c u
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    c=0
    /usr/bin/time -f "%M %U %S" -o "$work/time" "$@" >"$work/$name.out" 2>"$work/$name.err" || c=$?
    end=$(date +%s%N)
    if [[ " $ok " != *" $c "* ]]; then
      echo "tf_source.sh: $name exited with $c:" >&2
      head -n 20 "$work/$name.err" >&2
      exit 1
    fi
    t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
    read -r m u < <(tail -n 1 "$work/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }')
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$t
      rss=$m
      code=$c
      cpu=$u
    fi
  done
  echo "$best $rss $code $cpu"
}

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
machine="$(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), load average $(cut -d' ' -f1 /proc/loadavg) at start"
results="$work/results"
: >"$results"
input_errors=0
{
  echo "| tree | files | MB | terraform fmt -check | CPU | peak RSS | iamlint check | CPU | peak RSS | iamlint / fmt | iamlint exit | iamlint summary |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$work/table.md"
for scale in "${scales[@]}"; do
  tree="$cache/tf-tree-$scale-$gen_hash"
  if [ ! -d "$tree" ]; then
    rm -rf "$cache/tf-tree-$scale-"*
    echo "generating the scale-$scale tree..." >&2
    rm -rf "$tree.tmp"
    python3 bench/gen_tf_tree.py --scale "$scale" "$tree.tmp"
    mv "$tree.tmp" "$tree"
  fi
  files=$(find "$tree" -type f | wc -l)
  bytes=$(find "$tree" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  find "$tree" -type f -exec cat {} + >/dev/null # warm the page cache alike for both
  echo "timing the scale-$scale tree ($files files)..." >&2
  read -r t_f rss_f code_f cpu_f < <(measure fmt "0 3" terraform fmt -check -recursive "$tree")
  if [ "$code_f" = 3 ]; then
    echo "note: terraform fmt -check found $(wc -l <"$work/fmt.out") unformatted files in $tree" >&2
  fi
  read -r t_i rss_i code_i cpu_i < <(measure iamlint "0 1 2" "$iamlint" check "$tree")
  summary=$(grep -h '^iamlint:' "$work/iamlint.out" "$work/iamlint.err" | tail -n 1 | sed 's/^iamlint: //; s/|/\\|/g')
  if [ "$code_i" = 2 ]; then
    input_errors=1
    echo "iamlint reported input errors on $tree (exit 2); first lines:" >&2
    grep -h -m 10 'error' "$work/iamlint.out" "$work/iamlint.err" | head -n 10 >&2 || true
  fi
  checked=$(sed -n 's/^\([0-9][0-9]*\) files\{0,1\} checked.*/\1/p' <<<"$summary")
  skipped=$(sed -n 's/.*checked, \([0-9][0-9]*\) skipped.*/\1/p' <<<"$summary")
  echo "$scale $files $bytes $t_f $t_i ${checked:-0} ${skipped:-0} $code_i $cpu_f $cpu_i" >>"$results"
  awk -v scale="$scale" -v files="$files" -v bytes="$bytes" -v tf="$t_f" -v rf="$rss_f" \
    -v ti="$t_i" -v ri="$rss_i" -v code="$code_i" -v summary="$summary" \
    -v cf="$cpu_f" -v ci="$cpu_i" 'BEGIN {
      printf "| scale %s | %d | %.1f | %.3f s | %.2f s | %.0f MB | %.3f s | %.2f s | %.0f MB | %s | %s%s | %s |\n",
        scale, files, bytes / 1e6, tf, cf, rf / 1024, ti, ci, ri / 1024,
        (tf > 0 ? sprintf("%.2fx", ti / tf) : "-"), code,
        (code == 2 ? " (input error)" : ""), summary }' >>"$work/table.md"
done

echo "Machine: $machine. Best of $runs runs, warm page cache, in the same run of \`bench/tf_source.sh\`."
echo
cat "$work/table.md"
echo
awk '
  { scale[NR] = $1; files[NR] = $2; bytes[NR] = $3; tf[NR] = $4; ti[NR] = $5; skipped[NR] = $7; code[NR] = $8; cf[NR] = $9; ci[NR] = $10 }
  END {
    for (i = 2; i <= NR; i++) {
      printf "- Cost against size: scale %s -> %s is %.2fx the bytes (%.2fx the files); iamlint takes %.2fx the wall time (%.2fx the CPU time), terraform fmt %.2fx (%.2fx).\n",
        scale[i - 1], scale[i], bytes[i] / bytes[i - 1], files[i] / files[i - 1],
        (ti[i - 1] > 0 ? ti[i] / ti[i - 1] : 0), (ci[i - 1] > 0 ? ci[i] / ci[i - 1] : 0),
        (tf[i - 1] > 0 ? tf[i] / tf[i - 1] : 0), (cf[i - 1] > 0 ? cf[i] / cf[i - 1] : 0)
    }
    for (i = 1; i <= NR; i++) {
      if (scale[i] == 1 && code[i] == 2) {
        printf "- Target (issue 13): not measured -- iamlint stopped at input errors (exit 2).\n"
      } else if (scale[i] == 1 && tf[i] > 0 && skipped[i] * 2 > files[i]) {
        printf "- Target (issue 13): not measured -- iamlint skipped %d of the %d files (no .tf loader in this build), so its time is only the directory walk.\n",
          skipped[i], files[i]
      } else if (scale[i] == 1 && tf[i] > 0) {
        r = ti[i] / tf[i]
        printf "- Target (issue 13): iamlint check at most 0.25x terraform fmt -check on the scale-1 tree: %.2fx, %s.\n",
          r, (r <= 0.25 ? "met" : "NOT MET")
      }
    }
  }' "$results"
if [ "$input_errors" = 1 ]; then
  echo
  echo "iamlint reported input errors (exit 2) on a tree Terraform accepts: see above." >&2
  exit 2
fi
