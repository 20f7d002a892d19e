#!/usr/bin/env bash
# Generates the data of the long-range demonstration into inputs/longrange/out/ (gitignored): charged LJ liquid
# frames for training (64 ions, density 0.8) and three held-out test sets (same conditions; a 216-ion cell; density
# 0.4). The first 2000 steps of each run are equilibration: their 8 frames (and the start) are dropped.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="$here/../../a2imd"
for c in salt64-rho0.8 salt64-rho0.8-test salt216-rho0.8-test salt64-rho0.4-test; do
  "$a2imd" run --no-progress "$here/$c.in"
  n=$(head -n 1 "$here/out/$c-raw.extxyz")
  tail -n +$((9 * (n + 2) + 1)) "$here/out/$c-raw.extxyz" > "$here/out/$c.extxyz"
done
