#!/usr/bin/env bash
# Generates the data of the long-range demonstration into inputs/longrange/out/ (gitignored): an ionic gas (16 ions,
# density 0.05) and a dense charged LJ liquid (64 ions, density 0.8), each with held-out test sets under the same
# conditions, in a larger cell, and at another density. The first 2000 steps of each run are equilibration: their
# frames (the start and 8 more) are dropped. Usage: generate.sh [gas|salt ...] (default: both).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="${A2IMD:-$here/../../a2imd}"
sets=("$@"); [[ ${#sets[@]} -eq 0 ]] && sets=(gas salt)
for s in "${sets[@]}"; do
  case "$s" in
    gas) cases="gas16-rho0.05 gas16-rho0.05-test gas54-rho0.05-test gas16-rho0.02-test" ;;
    salt) cases="salt64-rho0.8 salt64-rho0.8-test salt216-rho0.8-test salt64-rho0.4-test" ;;
    *) echo "usage: $0 [gas|salt ...]" >&2; exit 2 ;;
  esac
  for c in $cases; do
    $a2imd run --no-progress "$here/$c.in"
    n=$(head -n 1 "$here/out/$c-raw.extxyz")
    tail -n +$((9 * (n + 2) + 1)) "$here/out/$c-raw.extxyz" > "$here/out/$c.extxyz"
  done
done
