#!/usr/bin/env bash
# Runs the learned-vs-reference comparisons of every shipped model: 20,000 steps each, with the reference
# potential and the model, at the models' training state points. Reports land in benchmarks/learned/<model>/<case>/
# (report.md + PNGs). Usage: benchmarks/learned/run.sh [lj|si-sw|ka ...] [--threads N]
# Cost on the 2-core benchmark machine: see benchmarks/learned/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
a2imd="${A2IMD:-$root/a2imd}"   # A2IMD="java -jar COPY.jar" pins a build for long runs
threads=2
models=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    lj|si-sw|ka) models+=("$1"); shift ;;
    *) echo "usage: $0 [lj|si-sw|ka ...] [--threads N]" >&2; exit 2 ;;
  esac
done
[[ ${#models[@]} -eq 0 ]] && models=(lj si-sw ka)
d="$here/decks"
cmp() { # out-dir ref-deck model-deck extra-args...
  local out="$1" ref="$2" model="$3"; shift 3
  echo "== compare $(basename "$ref") vs $(basename "$model") -> ${out#$root/}"
  $a2imd compare "$ref" "$model" --out "$out" --threads "$threads" --no-progress "$@"
}
for m in "${models[@]}"; do
  case "$m" in
    lj)
      cmp "$here/lj/nve-T1.2" "$root/inputs/lj-nve-256.in" "$root/inputs/a2i-lj-nve.in" --every 10
      cmp "$here/lj/nvt-T0.85" "$d/lj-T0.85-nvt.in" "$d/a2i-lj-T0.85-nvt.in" --every 10 --skip 2000
      cmp "$here/lj/nvt-T2.0" "$d/lj-T2.0-nvt.in" "$d/a2i-lj-T2.0-nvt.in" --every 10 --skip 2000 ;;
    si-sw)
      cmp "$here/si-sw/nve" "$root/inputs/si-nve-216.in" "$root/inputs/a2i-si-sw-nve.in" --every 10 --skip 2000 --angle-cutoff 3.0
      for t in 300 1500; do
        cmp "$here/si-sw/nvt-T$t" "$d/si-T$t-nvt.in" "$d/a2i-si-sw-T$t-nvt.in" --every 10 --skip 2000 --angle-cutoff 3.0
      done
      cmp "$here/si-sw/nvt-T3000" "$d/si-T3000-nvt.in" "$d/a2i-si-sw-T3000-nvt.in" --every 10 --skip 5000 --angle-cutoff 3.0 ;;
    ka)
      cmp "$here/ka/nve" "$root/inputs/ka-nve-256.in" "$root/inputs/a2i-ka-nve.in" --every 10
      cmp "$here/ka/nvt-T1.0" "$d/ka-T1.0-nvt.in" "$d/a2i-ka-T1.0-nvt.in" --every 10 ;;
  esac
done
