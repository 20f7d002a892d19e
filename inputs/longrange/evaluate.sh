#!/usr/bin/env bash
# Evaluates the two demonstration models (local and with the LODE channel) on the three held-out test sets and
# writes the reports (text, JSON, parity plots) to benchmarks/longrange/. Run after generate.sh and both trainings.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="${A2IMD:-$here/../../a2imd}"
out="$here/../../benchmarks/longrange"
mkdir -p "$out"
for m in local lode; do
  for t in salt64-rho0.8-test salt216-rho0.8-test salt64-rho0.4-test; do
    $a2imd evaluate "$here/out/salt-$m.model" "$here/out/$t.extxyz" --out "$out/$m-$t" > /dev/null
  done
done
grep -H "energy/atom \|force component" "$out"/*.txt
