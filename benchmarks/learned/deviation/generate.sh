#!/usr/bin/env bash
# Labelled LJ frames (rc 2.5 shifted, 256 atoms) at state points inside and outside a2i-lj's original
# training range (rho* 0.8442 at T* 0.85 and 1.2, rho* 1.0 at T* 2.0), for "does the committee deviation
# predict the error": each state point is equilibrated 4000 steps from fcc by Langevin, then 20 frames are
# written 300 steps apart (energy, virial, forces). Output: benchmarks/learned/deviation/out/*.extxyz
# (gitignored) and mixed.extxyz, all of them in one file. About a minute.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a2imd="${A2IMD:-$here/../../../a2imd}"
out="$here/out"
mkdir -p "$out"
points=("0.8442 0.85" "0.8442 1.2" "1.0 2.0" "0.70 1.5" "0.70 2.5" "0.8442 0.72" "0.95 1.2" "1.05 1.5" "1.05 2.5")
seed=9100
: > "$out/mixed.extxyz"
for p in "${points[@]}"; do
  read -r rho t <<< "$p"
  name="r$rho-T$t"
  seed=$((seed + 10))
  cat > "$out/$name-equil.in" <<DECK
units        lj
species      Ar mass 1.0
lattice      fcc density $rho replicate 4 4 4
velocity     temperature $t seed $seed
potential    lj cutoff 2.5 shift yes
pair_coeff   Ar Ar epsilon 1.0 sigma 1.0
timestep     0.005
integrator   langevin temperature $t damping 0.5 seed $((seed + 1))
threads      1
write_final  file $name-equil.extxyz
run          4000
DECK
  cat > "$out/$name.in" <<DECK
units        lj
species      Ar mass 1.0
read_extxyz  $name-equil.extxyz
potential    lj cutoff 2.5 shift yes
pair_coeff   Ar Ar epsilon 1.0 sigma 1.0
timestep     0.005
integrator   langevin temperature $t damping 0.5 seed $((seed + 2))
threads      1
trajectory   file $name-raw.extxyz every 300 forces yes
run          6000
DECK
  $a2imd run "$out/$name-equil.in" --no-progress > /dev/null
  $a2imd run "$out/$name.in" --no-progress > /dev/null
  n=$(head -n 1 "$out/$name-raw.extxyz")
  tail -n +$((n + 3)) "$out/$name-raw.extxyz" > "$out/$name.extxyz"   # the first frame is the equilibrated start
  cat "$out/$name.extxyz" >> "$out/mixed.extxyz"
  echo "$name: $(grep -c Lattice "$out/$name.extxyz") frames"
done
