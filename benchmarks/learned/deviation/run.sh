#!/usr/bin/env bash
# Does the committee's deviation predict its error? Evaluates the a2i-lj committee (potentials/a2i-lj-committee,
# four members trained as a2i-lj was) on labelled LJ frames inside and outside its training range (generate.sh),
# per state point and on all of them mixed, with per-frame deviation and error (CSV), rank correlations and
# a scatter plot. Results in benchmarks/learned/deviation/out/. Usage: run.sh [--threads N]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../../.."
a2imd="${A2IMD:-$root/a2imd}"
threads="${2:-2}"
[ -f "$here/out/mixed.extxyz" ] || "$here/generate.sh"
c="$root/potentials/a2i-lj-committee"
members=("$c"/a2i-lj.m1.model "$c"/a2i-lj.m2.model "$c"/a2i-lj.m3.model "$c"/a2i-lj.m4.model)
for f in "$here"/out/r*-T*.extxyz; do
  case "$f" in *-raw.extxyz|*-equil.extxyz) continue ;; esac
  name="$(basename "$f" .extxyz)"
  $a2imd evaluate "${members[@]}" "$f" --out "$here/out/eval-$name" --threads "$threads" > "$here/out/eval-$name.log"
done
$a2imd evaluate "${members[@]}" "$here/out/mixed.extxyz" --out "$here/out/eval-mixed" --threads "$threads"
