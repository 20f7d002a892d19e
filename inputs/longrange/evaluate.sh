#!/usr/bin/env bash
# Evaluates the demonstration models, local and with the LODE channel, side by side on each held-out test set and
# writes the reports (text, JSON, overlaid parity plots) to benchmarks/longrange/. Run after generate.sh and the
# trainings. Usage: evaluate.sh [gas|salt ...] (default: both).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="${A2IMD:-$here/../../a2imd}"
out="$here/../../benchmarks/longrange"
mkdir -p "$out"
sets=("$@"); [[ ${#sets[@]} -eq 0 ]] && sets=(gas salt)
for s in "${sets[@]}"; do
  case "$s" in
    gas) tests="gas16-rho0.05-test gas54-rho0.05-test gas16-rho0.02-test" ;;
    salt) tests="salt64-rho0.8-test salt216-rho0.8-test salt64-rho0.4-test" ;;
    *) echo "usage: $0 [gas|salt ...]" >&2; exit 2 ;;
  esac
  for t in $tests; do
    $a2imd evaluate "$here/out/$s-local.model" "$here/out/$t.extxyz" --also "$here/out/$s-lode.model" \
        --out "$out/$t" --threads 2 > /dev/null
    echo "== $t"
    grep "A2I model\|energy/atom\|force component" "$out/$t.txt" | sed 's|A2I model .*/\([^/]*\.model\) on .*|\1|'
  done
done
