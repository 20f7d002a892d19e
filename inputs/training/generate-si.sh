#!/usr/bin/env bash
# Generates the SW silicon training sets (crystal 300-1500 K, liquid 3000 K; 64 atoms, 201 frames each)
# into inputs/training/out/ (gitignored). For held-out errors per state point, use `split` in the
# training deck or rerun a sampling deck with another thermostat seed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="$here/../../a2imd"
for sp in crystal-T300 crystal-T600 crystal-T900 crystal-T1200 crystal-T1500 liquid-T3000; do
  "$a2imd" run "$here/si-$sp-equil.in"
  "$a2imd" run "$here/si-$sp.in"
done
