#!/usr/bin/env bash
# Generates the SW silicon training and test sets into inputs/training/out/ (gitignored), 64 atoms per frame:
# crystal at 300-1500 K and liquid at 3000 and 4500 K (201 training frames each), crystals under four strains at
# 600 K (101 each), and for every state point 40 held-out test frames from an independent continuation
# (its first frame, which is the last training frame, is dropped). About two minutes on one core.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="$here/../../a2imd"
for sp in crystal-T300 crystal-T600 crystal-T900 crystal-T1200 crystal-T1500 liquid-T3000 liquid-T4500 \
    strained-iso+2 strained-iso-2 strained-uniax+3 strained-shear3; do
  "$a2imd" run --no-progress "$here/si-$sp-equil.in"
  "$a2imd" run --no-progress "$here/si-$sp.in"
  "$a2imd" run --no-progress "$here/si-$sp-test.in"
  n=$(head -n 1 "$here/out/si-$sp-test-raw.extxyz")
  tail -n +$((n + 3)) "$here/out/si-$sp-test-raw.extxyz" > "$here/out/si-$sp-test.extxyz"
done
