#!/usr/bin/env bash
# End-to-end A2I comparison with the PyTorch peer (benchmarks/README.md, "A2I network"):
#  1. a2imd writes its seeded random default-size model and a melted 500-atom LJ liquid, and times itself;
#  2. `a2imd eval` computes energy and forces of that frame;
#  3. a2i_torch.py loads the same model file and frame, checks agreement (1e-8 relative) and times PyTorch.
# Uses Debian's python3-torch and python3-numpy (/usr/bin/python3), installed when missing.
# Usage: compare.sh [ATOMS] [THREADS...]
set -euo pipefail
if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
  echo "installing the peer: apt-get install -y python3-torch python3-numpy" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy >&2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
atoms="${1:-500}"; shift || true
threads=("${@:-1}")
[ "${#threads[@]}" -eq 0 ] && threads=(1)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for t in "${threads[@]}"; do
  "$root/a2imd" bench a2i --atoms "$atoms" --threads "$t" --seconds 3 --repeat 3 --no-md \
      --write-model "$work/random.model" --write-config "$work/liquid.xyz"
done
printf 'units lj\nspecies Ar mass 1.0\npotential a2i file %s\n' "$work/random.model" > "$work/eval.in"
"$root/a2imd" eval "$work/eval.in" "$work/liquid.xyz" "$work/a2imd.xyz" --threads 1
status=0
for t in "${threads[@]}"; do
  OMP_NUM_THREADS="$t" /usr/bin/python3 "$here/a2i_torch.py" --model "$work/random.model" \
      --config "$work/liquid.xyz" --reference "$work/a2imd.xyz" --threads "$t" --seconds 6 || status=1
done
exit $status
