#!/usr/bin/env bash
# Speed benchmarks of a2imd side by side with LAMMPS (Debian package `lammps`), same inputs, same machine,
# run alternately so both see the same load. Prints a markdown table to stdout.
#   benchmarks/run.sh            full set (LJ 4k/32k/256k, SW 8k; 1 and 2 threads / MPI ranks)
#   benchmarks/run.sh --quick    LJ 32k and SW 8k, fewer steps (a few minutes; the regression guard)
#   benchmarks/run.sh --memory   only the peak-memory table: LJ at 256,000 and 1,000,188 atoms, 20 steps,
#                                both engines (about 3 minutes; needs ~1 GiB free)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
quick=0
memory=0
[ "${1:-}" = "--quick" ] && quick=1
[ "${1:-}" = "--memory" ] && memory=1

if ! command -v lmp >/dev/null 2>&1; then
  echo "installing the peer: apt-get install -y lammps" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lammps >&2
fi
"$root/a2imd" --version >/dev/null
jar="$root/target/a2imd.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/lammps/in.lj" "$here/lammps/in.sw" "$work/"
sed -i "s#../../potentials/Si.sw#$root/potentials/Si.sw#" "$work/in.sw"

lammps_rate() {  # atoms ranks extra-args...: prints atom-steps/s from the Loop time line
  local atoms=$1 ranks=$2; shift 2
  local out
  if [ "$ranks" = 1 ]; then out=$(cd "$work" && lmp -log none "$@" 2>&1)
  else out=$(cd "$work" && mpirun --allow-run-as-root --oversubscribe -np "$ranks" lmp -log none "$@" 2>&1); fi
  echo "$out" | awk -v n="$atoms" '/^Loop time of/ {printf "%.4g", n*$9/$4}'
}
ours_rate() { java -jar "$jar" bench "$@" | awk '{for (i=1;i<NF;i++) if ($i=="atom-steps/s") print $(i+1)}'; }
ours_rss() { java -jar "$jar" bench "$@" | awk '{for (i=1;i<NF;i++) if ($i=="peak-rss-MiB") print $(i+1)}'; }
lammps_rss() {  # lmp args...: peak resident set of one LAMMPS process in MiB (GNU time's %M is KiB)
  (cd "$work" && /usr/bin/time -f '%M' -o rss.txt lmp -log none "$@" >/dev/null 2>&1) && awk '{printf "%.0f", $1/1024}' "$work/rss.txt"
}

if [ $memory = 1 ]; then
  echo "| system | atoms | a2imd peak RSS MiB | LAMMPS peak RSS MiB | ratio a2imd/LAMMPS |"
  echo "|---|---|---|---|---|"
  for x in 2 3.15; do  # 4 (20 x)^3 atoms: 256,000 and 1,000,188
    atoms=$(awk -v x="$x" 'BEGIN {printf "%d", 4*(20*x)^3}')
    ours=$(ours_rss lj --atoms "$atoms" --threads 1 --steps 20 --warmup 5)
    lmp=$(lammps_rss -in in.lj -var x "$x" -var y "$x" -var z "$x" -var steps 20 -var every 1 -var check yes)
    ratio=$(awk -v a="$ours" -v b="$lmp" 'BEGIN {printf "%.2f", a/b}')
    echo "| LJ fcc rho*=0.8442 rc 2.5 skin 0.3, 20 steps, 1 thread/rank | $atoms | $ours | $lmp | $ratio |"
  done
  exit 0
fi

echo "| system | atoms | threads/ranks | a2imd atom-steps/s | LAMMPS atom-steps/s | LAMMPS -sf opt | ratio a2imd/LAMMPS |"
echo "|---|---|---|---|---|---|---|"
if [ $quick = 1 ]; then sizes="0.5"; steps=300; else sizes="0.5 1 2"; steps=1000; fi
for x in $sizes; do
  atoms=$(awk -v x="$x" 'BEGIN {printf "%d", 4*(20*x)^3}')
  s=$steps; [ "$x" = 2 ] && s=$((steps / 4))
  for t in 1 2; do
    ours=$(ours_rate lj --atoms "$atoms" --threads "$t" --steps "$s" --warmup 100)
    # LAMMPS with neighbour checks every step (the same rebuild rule as a2imd) ...
    lmp_chk=$(lammps_rate "$atoms" "$t" -in in.lj -var x "$x" -var y "$x" -var z "$x" -var steps "$s" -var every 1 -var check yes)
    lmp_opt=$(lammps_rate "$atoms" "$t" -sf opt -in in.lj -var x "$x" -var y "$x" -var z "$x" -var steps "$s" -var every 1 -var check yes)
    ratio=$(awk -v a="$ours" -v b="$lmp_chk" 'BEGIN {printf "%.2f", a/b}')
    echo "| LJ fcc rho*=0.8442 rc 2.5 skin 0.3 | $atoms | $t | $ours | $lmp_chk | $lmp_opt | $ratio |"
  done
done
for t in 1 2; do
  s=500; [ $quick = 1 ] && s=300
  ours=$(ours_rate sw --cells 10 --threads "$t" --steps "$s" --potential "$root/potentials/Si.sw")
  lmp=$(lammps_rate 8000 "$t" -in in.sw -var steps "$s")
  ratio=$(awk -v a="$ours" -v b="$lmp" 'BEGIN {printf "%.2f", a/b}')
  echo "| SW Si diamond 1000 K skin 1.0 | 8000 | $t | $ours | $lmp | - | $ratio |"
done
