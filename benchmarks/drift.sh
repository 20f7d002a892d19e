#!/usr/bin/env bash
# NVE energy conservation of a2imd and LAMMPS on the same runs: least-squares drift of the total energy
# per atom, RMS fluctuation per atom about that line, and drift over the run / std(KE).
#   benchmarks/drift.sh [steps]      (default 10000; LJ 4000 atoms dt 0.005 and SW Si 8000 atoms dt 1 fs)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
steps="${1:-10000}"
command -v lmp >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lammps; }
"$root/a2imd" --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Reads "time etotal ke" rows and prints the three figures (same definitions as analysis.EnergyDrift).
figures() {
  awk -v n="$1" '{t[NR]=$1; e[NR]=$2; k[NR]=$3; st+=$1; se+=$2; sk+=$3}
    END {m=NR; tm=st/m; em=se/m; km=sk/m;
      for (i=1;i<=m;i++) {stt+=(t[i]-tm)^2; ste+=(t[i]-tm)*(e[i]-em); skk+=(k[i]-km)^2}
      b=ste/stt; for (i=1;i<=m;i++) {r=e[i]-(em+b*(t[i]-tm)); rss+=r*r}
      printf "drift %.3e /atom/time  rms %.3e /atom  drift/std(KE) %.3e", b/n, sqrt(rss/m)/n, b*(t[m]-t[1])/sqrt(skk/(m-1))}'
}
lammps_log() { awk '/^ *Step/ {on=1; next} /^Loop time/ {on=0} on && NF>=4 {print $2, $3, $4}' "$1"; }

echo "LJ (eps/tau per atom):"
echo "  a2imd : $(java -jar "$root/target/a2imd.jar" bench drift --system lj --steps "$steps" | sed 's/.*drift /drift /')"
(cd "$work" && lmp -in "$here/lammps/in.lj-drift" -var steps "$steps" -log lj.log >/dev/null)
echo "  LAMMPS: $(lammps_log "$work/lj.log" | figures 4000)"
echo "SW Si (eV/ps per atom):"
echo "  a2imd : $(java -jar "$root/target/a2imd.jar" bench drift --system sw --steps "$steps" --potential "$root/potentials/Si.sw" | sed 's/.*drift /drift /')"
(cd "$work" && lmp -in "$here/lammps/in.sw-drift" -var steps "$steps" -var potential "$root/potentials/Si.sw" -log sw.log >/dev/null)
echo "  LAMMPS: $(lammps_log "$work/sw.log" | figures 8000)"
