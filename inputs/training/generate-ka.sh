#!/usr/bin/env bash
# Generates the Kob-Andersen training set (256 atoms, 201 frames at T* = 1.0) and 40 held-out test frames from an
# independent continuation (its first frame, the last training frame, is dropped) into inputs/training/out/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="$here/../../a2imd"
"$a2imd" run --no-progress "$here/ka-T1.0-equil.in"
"$a2imd" run --no-progress "$here/ka-T1.0.in"
"$a2imd" run --no-progress "$here/ka-T1.0-test.in"
n=$(head -n 1 "$here/out/ka-T1.0-test-raw.extxyz")
tail -n +$((n + 3)) "$here/out/ka-T1.0-test-raw.extxyz" > "$here/out/ka-T1.0-test.extxyz"
