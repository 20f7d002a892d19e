#!/usr/bin/env bash
# Generates the LJ training and test sets: for each state point, equilibrate, sample 101 labelled
# training frames, then 40 held-out test frames from an independent continuation (its first frame, which
# is the last training frame, is dropped). Output in inputs/training/out/ (gitignored); about a minute.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="$here/../../a2imd"
for sp in liquid-T0.85 liquid-T1.2 dense-T2.0; do
  "$a2imd" run "$here/lj-$sp-equil.in"
  "$a2imd" run "$here/lj-$sp.in"
  "$a2imd" run "$here/lj-$sp-test.in"
  n=$(head -n 1 "$here/out/lj-$sp-test-raw.extxyz")
  tail -n +$((n + 3)) "$here/out/lj-$sp-test-raw.extxyz" > "$here/out/lj-$sp-test.extxyz"
done
