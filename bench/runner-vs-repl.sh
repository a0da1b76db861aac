#!/usr/bin/env bash
# Times the runner against stock dotnet-repl on the same notebooks, alternately, warm, and prints
# markdown tables of medians: per notebook (runner, dotnet-repl, ratio), the main command over all
# notebooks, a one-cell notebook's overhead (wall time minus the cells' time the runner reports),
# and where the runner's time goes (from the timestamps of its progress lines).
#
#   bash bench/runner-vs-repl.sh [--rounds N] [--no-warm-up] [--split] [--no-build] [--keep DIR]
#                                [--dotnet-run] [NOTEBOOK...]
#   bash bench/runner-vs-repl.sh --report DIR [NOTEBOOK...]
#
#   --rounds N    timed rounds after one untimed warm-up round (default 5)
#   --no-warm-up  skip the warm-up round (only when the package and disk caches are known to be
#                 warm, e.g. right after another run of this script on a loaded machine)
#   --split       the runner only: its time split, no dotnet-repl and no main command
#   --no-build    use the runner as built (default: dotnet build src/Lectures.Runner first)
#   --keep DIR    keep every run's timestamped output in DIR (default: a temporary folder, removed)
#   --report DIR  print the tables from the runs kept in DIR (by --keep, or by a run that was
#                 stopped), running nothing
#   --dotnet-run  time `dotnet run --project src/Lectures.Runner --no-build --` instead of the
#                 built executable (adds the SDK's own start-up, about 1-2 s, to every run)
#   NOTEBOOK...   notebooks to time (default: notebooks/*.ipynb); the one-cell notebook
#                 bench/one-cell/one-cell.ipynb is always added for the overhead row
#
# The runner is the executable `dotnet build` leaves in src/Lectures.Runner/bin/Debug/net10.0/
# (what `dotnet run --project src/Lectures.Runner` starts). dotnet-repl runs as .ci/run runs it:
# `dotnet tool run dotnet-repl -- --run NAME --exit-after-run --output-path OUT` from the
# notebook's folder. In each round every notebook runs in both, the order swapped every round, so
# a change in the machine's load falls on both. A run that fails (non-zero exit) is reported and
# the script exits with 1 at the end; its time is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

rounds=5
split=false
warm_up=true
build=true
via_dotnet_run=false
notebooks=()
keep=
report=
while [ $# -gt 0 ]; do
  case $1 in
    --rounds)
      [[ ${2-} =~ ^[1-9][0-9]*$ ]] || { echo "error: --rounds needs a positive whole number, got '${2-}'" >&2; exit 2; }
      rounds=$2
      shift 2
      ;;
    --split) split=true; shift ;;
    --no-warm-up) warm_up=false; shift ;;
    --no-build) build=false; shift ;;
    --dotnet-run) via_dotnet_run=true; shift ;;
    --keep | --report)
      [ -n "${2-}" ] || { echo "error: $1 needs a folder" >&2; exit 2; }
      [ "$1" = --keep ] && keep=$2 || report=$2
      shift 2
      ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      [ -f "$1" ] || { echo "error: no such notebook: $1" >&2; exit 2; }
      notebooks+=("$(realpath "$1")")
      shift
      ;;
  esac
done
if [ ${#notebooks[@]} -eq 0 ]; then
  for notebook in notebooks/*.ipynb; do notebooks+=("$root/$notebook"); done
fi
one_cell=$root/bench/one-cell/one-cell.ipynb
all=()
for notebook in "${notebooks[@]}"; do [ "$notebook" = "$one_cell" ] || all+=("$notebook"); done
all+=("$one_cell")

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

[ -n "$report" ] && build=false
if $build; then
  dotnet build src/Lectures.Runner -v quiet -nologo >/dev/null
  dotnet tool restore >/dev/null
fi
runner_exe=$root/src/Lectures.Runner/bin/Debug/net10.0/Lectures.Runner
[ -x "$runner_exe" ] || { echo "error: $runner_exe is not built (drop --no-build)" >&2; exit 2; }
if $via_dotnet_run; then
  runner=(dotnet run --project "$root/src/Lectures.Runner" --no-build --)
else
  runner=("$runner_exe")
fi

if [ -n "$report" ]; then
  work=$report
  [ -d "$work" ] || { echo "error: --report $work: no such folder" >&2; exit 2; }
elif [ -n "$keep" ]; then
  work=$keep
  mkdir -p "$work"
  rm -rf "${work:?}"/*.times "$work"/*.times.log.* "$work"/out-*
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/runner-vs-repl.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/out-repl"
failed=0

# Runs one command; appends its wall time in seconds to the file $1. Its stdout lines are kept
# in $1.log.N with the time each arrived ("SECONDS LINE"; first line "0 start", last "T end").
timed() {
  local times=$1 dir=$2
  shift 2
  local n log start code
  n=1
  [ -f "$times" ] && n=$(($(wc -l < "$times") + 1))
  log=$times.log.$n
  start=$EPOCHREALTIME
  echo "$start start" > "$log"
  set +e
  (cd "$dir" && "$@") 2>"$log.err" | while IFS= read -r line; do echo "$EPOCHREALTIME $line"; done >> "$log"
  code=${PIPESTATUS[0]}
  set -e
  echo "$EPOCHREALTIME end" >> "$log"
  if [ "$code" -ne 0 ]; then
    echo "   run failed (exit $code): $* (in $dir); stderr: $(head -c 400 "$log.err")" >&2
    failed=1
    rm -f "$log"
    return
  fi
  awk -v s="$start" 'END { printf "%.3f\n", $1 - s }' "$log" >> "$times"
}

key() { basename "$1" .ipynb; }

run_runner() { timed "$work/runner-$(key "$1").times" "$root" "${runner[@]}" "$1" --out "$work/out-runner"; }
run_repl() {
  local name
  name=$(basename "$1")
  timed "$work/repl-$(key "$1").times" "$(dirname "$1")" \
    dotnet tool run dotnet-repl -- --run "$name" --exit-after-run --output-path "$work/out-repl/$name"
}
run_main() { timed "$work/main.times" "$root" "${runner[@]}" --out "$work/out-main"; }

# The median of the numbers on standard input (the mean of the middle two for an even count).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med() { if [ -s "$1" ]; then median < "$1"; else echo -; fi; }
list() { [ -f "$1" ] && awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 }' "$1" || echo "-"; }

# The phases of one timestamped runner log: start-up (launch to the first cell's start, i.e. to its
# progress line less its reported time), first cell, later cells (first to last cell line), writing
# (last cell line to "wrote"), exit ("wrote" to the process's end), the cells' reported time, wall.
phases() {
  awk '
    NR == 1 { t0 = $1 }
    / \[ *[0-9]+\/[0-9]+\] (ok|FAILED) / {
      match($0, /(ok|FAILED) +[0-9.]+ s/); s = substr($0, RSTART, RLENGTH); gsub(/[^0-9.]/, "", s)
      cells += s; if (!first) { first = $1; c1 = s } last = $1
    }
    / wrote / { wrote = $1 }
    END { if ($2 != "end" || !first || !wrote) exit; end = $1; printf "%.3f %.3f %.3f %.3f %.3f %.3f %.3f\n", first - c1 - t0, c1, last - first, wrote - last, end - wrote, cells, end - t0 }
  ' "$1"
}
phase_median() { awk -v c="$2" '{ print $c }' "$1" | median; }

if [ -n "$report" ]; then
  # The wall times again from the kept outputs of the runs that finished (a failed run keeps none).
  for times in "$work"/*.times.log.1; do
    [ -f "$times" ] || continue
    times=${times%.log.1}
    for log in "$times".log.*; do
      [[ $log == *.err ]] && continue
      awk 'NR == 1 { s = $1 } END { if ($2 == "end") printf "%.3f\n", $1 - s }' "$log"
    done > "$times"
  done
  echo "runs kept in $work (started $(date -u -d "@$(cat "$work"/*.log.1 2>/dev/null | awk 'NR == 1 || $1 < m { m = $1 } END { printf "%d", m }')" '+%Y-%m-%d %H:%M UTC'));" \
    "timed runs per notebook: $(cat "$work"/runner-*.times 2>/dev/null | wc -l) runner, $(cat "$work"/repl-*.times 2>/dev/null | wc -l) dotnet-repl, $(cat "$work"/main.times 2>/dev/null | wc -l) main command; uptime now: $(uptime)"
  echo
else
echo "uptime at start: $(uptime)"
echo "runner: ${runner[*]}; dotnet-repl: $(dotnet tool list --local 2>/dev/null | awk '$1 == "dotnet-repl" { print $2 }')"
echo "rounds: $rounds timed, $($warm_up && echo "after one untimed warm-up round" || echo "no warm-up round"); $(nproc) cores"
echo
if $warm_up; then
  echo "warm-up round (untimed)..." >&2
  for notebook in "${all[@]}"; do
    run_runner "$notebook"
    $split || run_repl "$notebook"
  done
  $split || run_main
  rm -f "$work"/*.times "$work"/*.times.log.*
fi

for round in $(seq "$rounds"); do
  echo "round $round of $rounds..." >&2
  for notebook in "${all[@]}"; do
    if $split; then
      run_runner "$notebook"
    elif [ $((round % 2)) -eq 1 ]; then
      run_runner "$notebook"
      run_repl "$notebook"
    else
      run_repl "$notebook"
      run_runner "$notebook"
    fi
  done
  $split || run_main
done
fi

for notebook in "${all[@]}"; do
  k=$(key "$notebook")
  for log in "$work/runner-$k.times".log.*; do [ -f "$log" ] && phases "$log"; done > "$work/phases-$k" || true
done

if ! $split; then
  echo "| notebook | runner median (s) | dotnet-repl median (s) | ratio | runner runs (s) | dotnet-repl runs (s) |"
  echo "|---|---:|---:|---:|---|---|"
  repl_sum=0
  for notebook in "${all[@]}"; do
    k=$(key "$notebook")
    r=$(med "$work/runner-$k.times")
    p=$(med "$work/repl-$k.times")
    ratio=$(awk -v r="$r" -v p="$p" 'BEGIN { if (r + 0 > 0 && p + 0 > 0) printf "%.2f", r / p; else print "-" }')
    [ "$notebook" != "$one_cell" ] && repl_sum=$(awk -v a="$repl_sum" -v b="$p" 'BEGIN { printf "%.2f", a + b }')
    echo "| \`$k\` | $r | $p | $ratio | $(list "$work/runner-$k.times") | $(list "$work/repl-$k.times") |"
  done
  echo "| main command, all of notebooks/ (runner) | $(med "$work/main.times") | $repl_sum (sum of the medians above, one after another) | $(awk -v r="$(med "$work/main.times")" -v p="$repl_sum" 'BEGIN { if (r + 0 > 0 && p > 0) printf "%.2f", r / p; else print "-" }') | $(list "$work/main.times") | |"
  echo
  k=$(key "$one_cell")
  echo "One-cell notebook (\`bench/one-cell/one-cell.ipynb\`), runner: wall $(phase_median "$work/phases-$k" 7) s," \
    "its cell $(phase_median "$work/phases-$k" 6) s as the runner reports it," \
    "overhead $(awk '{ print $7 - $6 }' "$work/phases-$k" | median) s (median of the per-run differences)."
  echo
fi

echo "Runner's time split, medians (s): start-up = launch to the first cell's start (worker process, kernel, warm-up);"
echo "cell 1 = the first cell's own time (for the lectures: \`#r \"nuget:\"\` restore and extension load); later cells ="
echo "first to last cell's progress line; writing = last cell to \"wrote\" (executed notebook, page, slides); exit = \"wrote\" to the end."
echo
echo "| notebook | start-up | cell 1 | later cells | writing | exit | cells (reported) | wall | overhead (wall - cells) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for notebook in "${all[@]}"; do
  k=$(key "$notebook")
  f=$work/phases-$k
  [ -s "$f" ] || continue
  echo "| \`$k\` | $(phase_median "$f" 1) | $(phase_median "$f" 2) | $(phase_median "$f" 3) | $(phase_median "$f" 4) | $(phase_median "$f" 5) | $(phase_median "$f" 6) | $(phase_median "$f" 7) | $(awk '{ print $7 - $6 }' "$f" | median) |"
done
echo
echo "uptime at end: $(uptime)"
exit "$failed"
