#!/usr/bin/env bash
# Kernel-performance tracking in CI, the steps of docs/ci.md in one script so that a workflow
# (docs/examples/flopscope-ci.yml) and a person run exactly the same thing:
#
#   bash scripts/ci-bench.sh [--baseline PATH] [--dir DIR] [--threshold 5%] [-- RUN OPTIONS]
#   bash scripts/ci-bench.sh --ab-base REV [--dir DIR] [--threshold 5%] [-- AB OPTIONS]
#
# On a pull request, --ab-base REV (the merge base): `flopscope ab --base REV` measures the base's
# kernels and the working tree's interleaved in one browser session, into DIR/ab.json, then
# reports it (DIR/report.html, DIR/report.md: the PR comment); exit: ab's (1 on a significant
# slowdown past the threshold). Interleaving cancels the drift a shared runner adds between
# separate runs, so the threshold can be tight.
#
# On main (history):
# 1. `flopscope run RUN OPTIONS` (default: the quick suite) into DIR/new.json;
# 2. when PATH exists, `flopscope compare BASELINES DIR/new.json` into DIR/compare.txt (and
#    stdout). PATH is a results file, or a folder whose *.json files are all baseline runs
#    (several runs let compare count the run-to-run spread: keep the last 3 from main);
# 3. `flopscope report` of the new run into DIR/report.html and DIR/report.md (even when the run
#    failed part-way: a partial run is reported, so that the artifact shows what finished).
# Exit code: the run's when it failed, else compare's (1 on a significant slowdown beyond the
# threshold, 2 on bad input or different adapters), else 0. No baseline is not an error: the
# first run on a branch has none.
set -uo pipefail
# This checkout's CLI, whatever the current folder (DIR is taken relative to it).
cli="$(cd "$(dirname "$0")/.." && pwd)/bin/flopscope.js"

baseline=""
ab_base=""
dir="ci-out"
threshold="5%"
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) baseline="${2:?--baseline needs a file}"; shift 2 ;;
    --ab-base) ab_base="${2:?--ab-base needs a git revision, e.g. origin/main}"; shift 2 ;;
    --dir) dir="${2:?--dir needs a folder}"; shift 2 ;;
    --threshold) threshold="${2:?--threshold needs a value, e.g. 5%}"; shift 2 ;;
    --) shift; break ;;
    *) echo "ci-bench: unknown option $1: use --baseline FILE or --ab-base REV, --dir DIR, --threshold 5%, then -- and run's (or ab's) options" >&2; exit 2 ;;
  esac
done
run_args=("$@")

flopscope() { node "$cli" "$@"; }
log() { printf '[ci-bench] %s\n' "$*" >&2; }

mkdir -p "$dir" || exit 2

if [ -n "$ab_base" ]; then
  if [ -n "$baseline" ]; then log "--ab-base and --baseline are two modes: give one"; exit 2; fi
  ab="$dir/ab.json"
  if [ -e "$ab" ]; then
    log "$ab exists: give another --dir or move it; nothing was run"
    exit 2
  fi
  log "flopscope ab --base $ab_base --threshold $threshold ${run_args[*]} --out $ab"
  flopscope ab --base "$ab_base" --threshold "$threshold" "${run_args[@]}" --out "$ab" >"$dir/ab.txt"
  ab_status=$?
  cat "$dir/ab.txt"
  reported="$ab"
  [ -e "$ab" ] || reported="${ab%.json}.partial.json"
  if [ -e "$reported" ]; then
    log "flopscope report $reported --html $dir/report.html --markdown $dir/report.md"
    flopscope report "$reported" --html "$dir/report.html" --markdown "$dir/report.md" || log "report failed"
  fi
  exit $ab_status
fi
[ ${#run_args[@]} -eq 0 ] && run_args=(--suite quick)
new="$dir/new.json"
if [ -e "$new" ]; then
  log "$new exists: give another --dir or move it; nothing was run"
  exit 2
fi

log "flopscope run ${run_args[*]} --out $new"
flopscope run "${run_args[@]}" --out "$new" >"$dir/run.txt"
run_status=$?
cat "$dir/run.txt"

# A run that died part-way left its finished cases in new.partial.json: report those.
reported="$new"
[ -e "$new" ] || reported="${new%.json}.partial.json"

baselines=()
if [ -d "$baseline" ]; then
  for file in "$baseline"/*.json; do [ -e "$file" ] && baselines+=("$file"); done
elif [ -n "$baseline" ] && [ -e "$baseline" ]; then
  baselines=("$baseline")
fi

compare_status=0
if [ -e "$new" ] && [ ${#baselines[@]} -gt 0 ]; then
  log "flopscope compare ${baselines[*]} $new --threshold $threshold"
  flopscope compare "${baselines[@]}" "$new" --threshold "$threshold" >"$dir/compare.txt"
  compare_status=$?
  cat "$dir/compare.txt"
elif [ -n "$baseline" ]; then
  log "no baseline at $baseline (or no finished run): nothing to compare against"
fi

if [ -e "$reported" ]; then
  log "flopscope report $reported --html $dir/report.html --markdown $dir/report.md"
  flopscope report "$reported" --html "$dir/report.html" --markdown "$dir/report.md" || log "report failed"
fi

if [ $run_status -ne 0 ]; then
  log "the run failed (exit $run_status)"
  exit $run_status
fi
exit $compare_status
