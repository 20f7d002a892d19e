#!/usr/bin/env bash
# Generates the Kob-Andersen training set (256 atoms, 201 frames at T* = 1.0) into inputs/training/out/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/../../a2imd" run "$here/ka-T1.0-equil.in"
"$here/../../a2imd" run "$here/ka-T1.0.in"
