#!/usr/bin/env bash
# NVE timestep sweeps: energy conservation of velocity Verlet against the timestep, a2imd and LAMMPS side by
# side on the same starting state (a2imd equilibrates, writes a LAMMPS data file with positions and velocities,
# both engines start from it), and a2imd alone on the learned-potential NVE decks whose model files exist, each
# next to the same deck with the reference potential.
# For each (system, engine, dt): least-squares drift of E_total/N, RMS fluctuation about it, drift over the
# run / std(KE); PNGs of E/N against time per dt and of the RMS against dt (log-log, dt^2 guide).
#   benchmarks/timestep-sweep.sh            full sweep: LJ 2048 atoms 20 tau per run (dt 0.001-0.02 tau), SW Si
#                                           1000 atoms 4 ps (dt 0.5-10 fs), A2I decks 1-2 time units (~12 min on 2 cores)
#   benchmarks/timestep-sweep.sh --quick    LJ 2 tau, SW 0.5 ps, 5 timesteps each, no A2I (a few minutes)
#   benchmarks/timestep-sweep.sh --learned  only the A2I decks (after retraining a model; no LAMMPS needed)
# Output: the markdown table on stdout and in OUT/table.md, PNGs in OUT (default benchmarks/sweeps),
# the energy series in OUT/series (not committed). OUT can be set with --out DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
quick=0
learned_only=0
out="$here/sweeps"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --learned) learned_only=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--quick | --learned] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done

[ $learned_only = 1 ] || command -v lmp >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lammps; }
"$root/a2imd" --version >/dev/null
jar="$root/target/a2imd.jar"
series="$out/series"
mkdir -p "$out" "$series"
rm -f "$series"/*.dat
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ $quick = 1 ]; then
  lj_time=2;   lj_dts="0.001 0.002 0.005 0.01 0.02"
  sw_time=0.5; sw_dts="0.0005 0.001 0.002 0.004 0.008"
else
  lj_time=20;  lj_dts="0.001 0.002 0.004 0.005 0.008 0.01 0.015 0.02"
  sw_time=4;   sw_dts="0.0005 0.001 0.002 0.003 0.004 0.006 0.008 0.01"
fi
lj_atoms=2048  # 8^3 fcc cells
sw_cells=5     # 1000 atoms
lj_interval=0.04  # sampling interval in time units: every = round(interval / dt) steps
sw_interval=0.01

ours() { java -jar "$jar" bench drift "$@"; }
every_for() { awk -v i="$1" -v d="$2" 'BEGIN {e = int(i / d + 0.5); print (e < 1 ? 1 : e)}'; }
steps_for() { awk -v t="$1" -v d="$2" -v e="$3" 'BEGIN {print e * int(t / d / e + 0.5)}'; }
# LAMMPS log (thermo: step time etotal ke, not normalised) -> energy series with the header of a2imd's file.
lammps_series() {  # log atoms a2imd-series-for-the-header out
  { sed -n 1p "$3" | sed 's/ engine a2imd / engine lammps /'; echo "# time E_total/N KE/N (LAMMPS thermo)";
    awk -v n="$2" '/^ *Step/ {on=1; next} /^Loop time/ {on=0} on && NF>=4 && $1 ~ /^[0-9]+$/ {printf "%.10g %.15g %.15g\n", $2, $3/n, $4/n}' "$1"; } > "$4"
}

# One system, both engines: a2imd (1 thread) and LAMMPS (1 process) run at the same time, one dt after another.
sweep_pair() {  # name lammps-input time interval "dts" equilibrate-steps a2imd-system-args... -- lammps-vars...
  local name=$1 input=$2 time=$3 interval=$4 dts=$5 eq=$6; shift 6
  local sys_args=() lmp_vars=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do sys_args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  lmp_vars=("$@")
  ours "${sys_args[@]}" --threads 1 --equilibrate "$eq" --steps 20 --every 10 --write-data "$work/$name.data" >/dev/null
  local atoms
  atoms=$(awk '$2 == "atoms" {print $1; exit}' "$work/$name.data")
  echo "$name: $atoms atoms, $eq equilibration steps, $time time units per run" >&2
  for dt in $dts; do
    local every steps
    every=$(every_for "$interval" "$dt"); steps=$(steps_for "$time" "$dt" "$every")
    ours "${sys_args[@]}" --threads 1 --equilibrate "$eq" --dt "$dt" --steps "$steps" --every "$every" \
      --series "$series/$name-a2imd-$dt.dat" > "$work/$name-a2imd-$dt.out" 2>&1 &
    local pid=$!
    local lmp_ok=1
    (cd "$work" && lmp -in "$here/lammps/$input" -var data "$name.data" -var dt "$dt" -var steps "$steps" \
      -var every "$every" "${lmp_vars[@]}" -log "$name-$dt.log" > "$name-$dt.lmp.out" 2>&1) || lmp_ok=0
    local ours_ok=1
    wait $pid || ours_ok=0
    echo "  dt $dt ($steps steps, sample every $every): a2imd $(sed 's/.*drift /drift /' "$work/$name-a2imd-$dt.out" | tail -1)" >&2
    if [ $ours_ok = 0 ]; then rm -f "$series/$name-a2imd-$dt.dat"; fi
    if [ $lmp_ok = 1 ] && [ -f "$series/$name-a2imd-$dt.dat" ]; then
      lammps_series "$work/$name-$dt.log" "$atoms" "$series/$name-a2imd-$dt.dat" "$series/$name-lammps-$dt.dat"
      echo "    start E/N a2imd $(awk 'NR==3 {print $2}' "$series/$name-a2imd-$dt.dat"), LAMMPS $(awk 'NR==3 {print $2}' "$series/$name-lammps-$dt.dat")" >&2
    elif [ $lmp_ok = 0 ]; then
      echo "    LAMMPS failed at dt $dt: $(grep -m1 -i error "$work/$name-$dt.lmp.out" || tail -1 "$work/$name-$dt.lmp.out")" >&2
    fi
  done
}

t0=$(date +%s)
if [ $learned_only = 0 ]; then
  sweep_pair lj in.lj-sweep "$lj_time" "$lj_interval" "$lj_dts" 2000 --system lj --atoms "$lj_atoms"
  sweep_pair sw in.sw-sweep "$sw_time" "$sw_interval" "$sw_dts" 1000 \
    --system sw --cells "$sw_cells" --potential "$root/potentials/Si.sw" -- -var potential "$root/potentials/Si.sw"
fi

# Learned potentials: a2imd alone (LAMMPS has no A2I), each A2I deck next to its reference-potential twin
# (same structure and velocities, inputs/README pairs), shorter runs; series "engines" a2i-model and reference.
# name model-deck reference-deck time interval dts equilibrate-steps
a2i_pairs=(
  "a2i-lj    inputs/a2i-lj-nve.in    inputs/lj-nve-256.in 2 0.04 0.0025,0.005,0.01,0.02 0"
  "a2i-ka    inputs/a2i-ka-nve.in    inputs/ka-nve-256.in 2 0.04 0.0025,0.005,0.01,0.02 0"
  "a2i-si-sw inputs/a2i-si-sw-nve.in inputs/si-nve-216.in 1 0.02 0.001,0.002,0.004,0.008 200"
)
if [ $quick = 0 ]; then
  for entry in "${a2i_pairs[@]}"; do
    read -r name deck ref time interval dts eq <<< "$entry"
    model=$(awk '$1 == "potential" && $2 == "a2i" {for (i=3;i<NF;i++) if ($i == "file") print $(i+1)}' "$root/$deck")
    if [ ! -f "$(dirname "$root/$deck")/$model" ]; then
      echo "skipping $deck: its model file $model is missing (not trained yet?)" >&2
      continue
    fi
    echo "$name: $deck (engine a2i-model) and $ref (engine reference), $time time units per run" >&2
    for dt in ${dts//,/ }; do
      every=$(every_for "$interval" "$dt"); steps=$(steps_for "$time" "$dt" "$every")
      for pair in "a2i-model $deck" "reference $ref"; do
        read -r engine d <<< "$pair"
        if line=$(ours --deck "$root/$d" --name "$name" --engine "$engine" --threads 2 --equilibrate "$eq" --dt "$dt" \
            --steps "$steps" --every "$every" --series "$series/$name-$engine-$dt.dat" 2>&1); then
          echo "  dt $dt $engine: $(echo "$line" | sed 's/.*drift /drift /' | tail -1)" >&2
        else
          echo "  dt $dt $engine: $line" >&2; rm -f "$series/$name-$engine-$dt.dat"
        fi
      done
    done
  done
fi
echo "sweep took $(( $(date +%s) - t0 )) s" >&2

java -jar "$jar" bench plot-sweep --out "$out" "$series"/*.dat | tee "$out/table.md"
