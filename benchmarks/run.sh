#!/usr/bin/env bash
# Speed benchmarks of a2imd side by side with LAMMPS (Debian package `lammps`), same inputs, same machine.
# Both engines run the same untimed warm-up steps, then time the same number of steps; each figure is the
# best of REPEATS runs (default 3), the engines taking turns, so a passing disturbance on a shared machine
# hits neither figure. Prints a markdown table to stdout.
#   benchmarks/run.sh            full set (LJ 4k/32k/256k, SW 8k; 1 and 2 threads / MPI ranks)
#   benchmarks/run.sh --quick    LJ 4k and SW 8k only (about 3 minutes; part of the regression guard, all.sh --quick)
#   benchmarks/run.sh --memory   only the peak-memory table: LJ at 256,000 and 1,000,188 atoms, 20 steps,
#                                both engines (about 3 minutes; needs ~1 GiB free)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
quick=0
memory=0
repeats="${REPEATS:-3}"
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
  # The last Loop time line: the timed run after the warm-up run.
  echo "$out" | awk -v n="$atoms" '/^Loop time of/ {r = n * $9 / $4} END {printf "%.4g", r}'
}
ours_rate() { java -jar "$jar" bench "$@" | awk '{for (i=1;i<NF;i++) if ($i=="atom-steps/s") print $(i+1)}'; }
best() { awk -v a="$1" -v b="$2" 'BEGIN {print (a == "" || b + 0 > a + 0) ? b : a}'; }
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
if [ $quick = 1 ]; then sizes="0.5"; else sizes="0.5 1 2"; fi
for x in $sizes; do
  atoms=$(awk -v x="$x" 'BEGIN {printf "%d", 4*(20*x)^3}')
  # Timed work of 1.2e7-6e7 atom-steps (5-30 s) per run. The warm-up (4e6 atom-steps, at least 100 steps)
  # lets a2imd's JIT compile the hot loops and both engines melt the crystal, so the figure is the steady
  # state of a long liquid run (LAMMPS, compiled ahead of time, runs the same steps untimed).
  case "$x" in 0.5) s=3000 ;; 1) s=1000 ;; *) s=250 ;; esac
  warm=$(( 4000000 / atoms > 100 ? 4000000 / atoms : 100 ))
  for t in 1 2; do
    # LAMMPS with neighbour checks every step (the same rebuild rule as a2imd), plain and -sf opt.
    lmp_args=(-in in.lj -var x "$x" -var y "$x" -var z "$x" -var steps "$s" -var warmup "$warm" -var every 1 -var check yes)
    ours=""; lmp_chk=""; lmp_opt=""
    for r in $(seq "$repeats"); do
      ours=$(best "$ours" "$(ours_rate lj --atoms "$atoms" --threads "$t" --steps "$s" --warmup "$warm")")
      lmp_chk=$(best "$lmp_chk" "$(lammps_rate "$atoms" "$t" "${lmp_args[@]}")")
      lmp_opt=$(best "$lmp_opt" "$(lammps_rate "$atoms" "$t" -sf opt "${lmp_args[@]}")")
    done
    ratio=$(awk -v a="$ours" -v b="$lmp_chk" 'BEGIN {printf "%.2f", a/b}')
    echo "| LJ fcc rho*=0.8442 rc 2.5 skin 0.3 | $atoms | $t | $ours | $lmp_chk | $lmp_opt | $ratio |"
  done
done
for t in 1 2; do
  s=2000
  ours=""; lmp=""
  for r in $(seq "$repeats"); do
    ours=$(best "$ours" "$(ours_rate sw --cells 10 --threads "$t" --steps "$s" --warmup 500 --potential "$root/potentials/Si.sw")")
    lmp=$(best "$lmp" "$(lammps_rate 8000 "$t" -in in.sw -var steps "$s" -var warmup 500)")
  done
  ratio=$(awk -v a="$ours" -v b="$lmp" 'BEGIN {printf "%.2f", a/b}')
  echo "| SW Si diamond 1000 K skin 1.0 | 8000 | $t | $ours | $lmp | - | $ratio |"
done
