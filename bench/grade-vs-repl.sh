#!/usr/bin/env bash
# Per-submission time of `grade` (sandboxed, and with --no-sandbox) against stock dotnet-repl 0.3.259
# running the same notebook, side by side on one machine: the student version of 02-exercises.ipynb,
# N copies (default 4). Prints seconds per submission for each, and the load.
#   bash bench/grade-vs-repl.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/Lectures.Runner -v q -nologo >/dev/null
dotnet tool restore >/dev/null
runner=(dotnet src/Lectures.Runner/bin/Debug/net10.0/Lectures.Runner.dll)
"${runner[@]}" student notebooks/02-exercises.ipynb --out "$work/handout" >/dev/null
mkdir -p "$work/subs" "$work/repl"
for i in $(seq 1 "$n"); do cp "$work/handout/02-exercises.ipynb" "$work/subs/s$i.ipynb"; done
echo "load before: $(uptime)"

# dotnet-repl runs one notebook per process, from the notebook's folder (as CI runs it); the student
# version loads the library by a path relative to notebooks/, which a link makes true in the scratch folder.
mkdir -p "$work/nb"
ln -s "$PWD/src" "$work/src"
cp "$work/handout/02-exercises.ipynb" "$work/nb/student.ipynb"
cp .config/dotnet-tools.json "$work/nb/" 2>/dev/null || true
start=$(date +%s.%N)
for i in $(seq 1 "$n"); do
  (cd "$work/nb" && dotnet tool run dotnet-repl -- --run student.ipynb --exit-after-run --output-path "$work/repl/s$i.ipynb" >/dev/null) || true
done
repl=$(echo "($(date +%s.%N) - $start) / $n" | bc -l)

one() {
  local start end
  start=$(date +%s.%N)
  "${runner[@]}" grade "$work/subs" --out "$work/out-$1" --jobs 1 --seed 1 "${@:2}" >/dev/null
  end=$(date +%s.%N)
  echo "($end - $start) / $n" | bc -l
}
sandboxed=$(one sandboxed)
unsandboxed=$(one plain --no-sandbox)
printf 'dotnet-repl 0.3.259: %.1f s per notebook\n' "$repl"
printf 'grade (sandboxed, one at a time, incl. the solution run): %.1f s per submission (%.2fx dotnet-repl)\n' "$sandboxed" "$(echo "$sandboxed / $repl" | bc -l)"
printf 'grade --no-sandbox: %.1f s per submission (%.2fx dotnet-repl)\n' "$unsandboxed" "$(echo "$unsandboxed / $repl" | bc -l)"
echo "load after: $(uptime)"
