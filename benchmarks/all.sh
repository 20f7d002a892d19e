#!/usr/bin/env bash
# Every benchmark of benchmarks/README.md in one run, or (--quick) the regression guard.
#
#   benchmarks/all.sh [--out DIR] [--no-learned]
#       speed against LAMMPS (run.sh), peak memory (run.sh --memory), NVE conservation (drift.sh), timestep
#       sweeps with plots (timestep-sweep.sh), A2I against PyTorch (a2i/compare.sh 500 1 2), JMH kernels
#       (jmh.sh) and, unless --no-learned, the learned-vs-reference reports (learned/run.sh: several hours).
#       Tables go to DIR (default benchmarks/results/<date-time>, not committed), one file per part.
#   benchmarks/all.sh --quick [--out DIR] [--record]
#       the regression guard, about 6 minutes on 2 cores: run.sh --quick, timestep-sweep.sh --quick and the
#       A2I speed on one thread next to PyTorch, then every figure next to the one recorded in
#       benchmarks/recorded/ and a verdict per row (guard.awk says what counts as a regression). Exit status 1
#       if any row regressed. --record replaces the recorded tables with this run's (after a deliberate change,
#       on a quiet machine).
# Each part installs the peer it needs when missing (Debian packages lammps, python3-torch, python3-numpy).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
quick=0
record=0
learned=1
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --record) record=1 ;;
    --no-learned) learned=0 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--quick [--record]] [--no-learned] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
if [ $record = 1 ] && [ $quick = 0 ]; then
  echo "--record goes with --quick" >&2
  exit 2
fi
if [ -z "$out" ]; then
  out="$here/results/$(date +%Y%m%d-%H%M%S)"
  if [ $quick = 1 ]; then out="$out-quick"; fi
fi
mkdir -p "$out"

"$root/a2imd" --version >/dev/null

part() {  # file command...: runs one part, its stdout into that file, and says how long it took
  local file=$1; shift
  local t0
  t0=$(date +%s)
  echo "== $(date '+%F %T') $* -> ${out#$root/}/$file (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "$@" > "$out/$file"
  echo "   took $(( $(date +%s) - t0 )) s" >&2
}

# A2I against PyTorch: the best (smallest) time per atom of each code and thread count, as a table.
a2i_table() {  # compare.sh output
  awk '$1 == "a2i-eval" || $1 == "torch-eval" {
         code = $1 == "a2i-eval" ? "a2imd" : "PyTorch"
         for (i = 1; i < NF; i++) { if ($i == "threads") t = $(i + 1); if ($i == "us/atom") u = $(i + 1) }
         k = code " " t; if (!(k in best) || u < best[k]) best[k] = u; seen[t] = 1 }
       END { print "| code | threads | best us/atom | PyTorch / a2imd |"; print "|---|---|---|---|"
             for (t in seen) {
               printf "| a2imd | %s | %.1f | %.2f |\n", t, best["a2imd " t], best["PyTorch " t] / best["a2imd " t]
               printf "| PyTorch | %s | %.1f | - |\n", t, best["PyTorch " t] } }' "$1"
}

if [ $quick = 1 ]; then
  part speed.md "$here/run.sh" --quick
  part sweep.md "$here/timestep-sweep.sh" --quick --out "$out/sweeps"
  part a2i.txt "$here/a2i/compare.sh" 500 1
  a2i_table "$out/a2i.txt" > "$out/a2i.md"
  if [ $record = 1 ]; then
    mkdir -p "$here/recorded"
    cp "$out/speed.md" "$out/sweep.md" "$out/a2i.md" "$here/recorded/"
    { echo "recorded $(date '+%F %T') on $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"; } > "$here/recorded/README"
    echo "recorded the quick tables in ${here#$root/}/recorded/" >&2
  fi
  echo "Regression guard: this run against ${here#$root/}/recorded/ ($(head -1 "$here/recorded/README" 2>/dev/null || echo 'nothing recorded'))"
  awk -f "$here/guard.awk" "$here/recorded/speed.md" "$out/speed.md" \
      "$here/recorded/sweep.md" "$out/sweep.md" "$here/recorded/a2i.md" "$out/a2i.md" | tee "$out/guard.md"
  exit "${PIPESTATUS[0]}"
fi

part speed.md "$here/run.sh"
part memory.md "$here/run.sh" --memory
part drift.md "$here/drift.sh"
part sweep.md "$here/timestep-sweep.sh" --out "$out/sweeps"
part a2i.txt "$here/a2i/compare.sh" 500 1 2
a2i_table "$out/a2i.txt" > "$out/a2i.md"
part jmh.txt "$here/jmh.sh"
if [ $learned = 1 ]; then
  part learned.txt "$here/learned/run.sh"
fi
echo "all tables in ${out#$root/}" >&2
