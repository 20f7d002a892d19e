#!/usr/bin/python3
"""The A2I network of a2imd in PyTorch (float64, CPU): the peer for speed and correctness.

Reads an a2imd model file (A2IModelFile: text, one segment per weight matrix, input-major so that
y = x @ W) and one extxyz frame, computes E and F = -dE/dx by autograd and times both. With
--reference (an extxyz written by `a2imd eval`, with energy= and forces) it prints the largest
differences. Batched as PyTorch would be: all centres at once, neighbour lists padded to the largest
count with masked (envelope 0) slots, attention as [N, H, M, M] tensors.

    /usr/bin/python3 a2i_torch.py --model m.model --config c.xyz [--reference out.xyz] [--threads 1,2]
"""
import argparse
import math
import re
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def read_model(path):
    keys, segs, lines = {}, {}, open(path).read().splitlines()
    i = 0
    while i < len(lines):
        t = lines[i].split()
        i += 1
        if not t or t[0].startswith('#'):
            continue
        if t[0] == 'segment':
            rows, cols = int(t[2]), int(t[3])
            data = [[float(v) for v in lines[i + r].split()] for r in range(rows)]
            segs[t[1]] = torch.tensor(data).reshape(rows, cols)
            i += rows
        elif t[0] in ('meta', 'checksum', 'weights', 'format', 'version'):
            continue
        else:
            keys[t[0]] = t[1:]
    m = {k: keys[k] for k in keys}
    # This peer implements DESIGN.md's network only: refuse the optional parts rather than ignore them.
    if keys.get('angular_factor', ['no'])[0] == 'yes' or 'lode_exponents' in keys:
        raise SystemExit(path + ': angular factor or long-range channel: not implemented in the PyTorch peer')
    if 'prior' in keys:
        raise SystemExit(path + ': short-range prior (prior ' + keys['prior'][0] + '): not implemented in the PyTorch peer')
    m['species_names'] = keys['species'][1:]
    for k in ('cutoff', 'n0', 'energy_scale', 'logit_bound'):
        m[k] = float(keys[k][0])
    for k in ('radial', 'width', 'heads', 'layers', 'ffn', 'envelope_p'):
        m[k] = int(keys[k][0])
    m['e0'] = torch.tensor([float(v) for v in keys['e0']])
    m['rbf_scale'] = torch.tensor([float(v) for v in keys['rbf_scale']])
    m['seg'] = segs
    return m


def read_extxyz(path):
    with open(path) as f:
        n = int(f.readline())
        header = f.readline()
        lat = [float(v) for v in re.search(r'Lattice="([^"]*)"', header).group(1).split()]
        props = re.search(r'Properties=(\S+)', header).group(1).split(':')
        energy = re.search(r'(?<![a-z_])energy=(\S+)', header)
        cols, c = {}, 0
        for k in range(0, len(props), 3):
            w = int(props[k + 2])
            cols[props[k]] = (c, w)
            c += w
        rows = [f.readline().split() for _ in range(n)]
    species = [r[cols['species'][0]] for r in rows]

    def block(name):
        a, w = cols[name]
        return np.array([[float(r[a + q]) for q in range(w)] for r in rows])

    forces = block('forces') if 'forces' in cols else None
    return (np.array(lat).reshape(3, 3), species, block('pos'), forces,
            float(energy.group(1)) if energy else None)


def neighbour_pairs(cell, pos, rc):
    """Centres i, neighbours j and integer image shifts s with |x_j + s.cell - x_i| < rc (all images)."""
    inv = np.linalg.inv(cell)
    # Image range from the distances between opposite cell faces.
    heights = 1.0 / np.linalg.norm(inv, axis=0)
    reach = [int(math.ceil(rc / h)) for h in heights]
    ii, jj, ss = [], [], []
    for a in range(-reach[0], reach[0] + 1):
        for b in range(-reach[1], reach[1] + 1):
            for c in range(-reach[2], reach[2] + 1):
                shift = np.array([a, b, c]) @ cell
                d = pos[None, :, :] + shift - pos[:, None, :]
                r2 = (d * d).sum(-1)
                i, j = np.nonzero(r2 < rc * rc)
                keep = ~((i == j) & (a == 0) & (b == 0) & (c == 0))
                ii.append(i[keep])
                jj.append(j[keep])
                ss.append(np.tile([a, b, c], (keep.sum(), 1)))
    return np.concatenate(ii), np.concatenate(jj), np.concatenate(ss)


class A2I:
    def __init__(self, m):
        self.m = m
        s = m['seg']
        self.seg = s
        self.L, self.H, self.d = m['layers'], m['heads'], m['width']
        self.dh = self.d // self.H

    def energy(self, x, cell, species, i, j, shift, slot, nmax, centres):
        """Sum of E_i over the given centres; i holds centre indices 0..len(centres)-1 of the chunk."""
        m, s = self.m, self.seg
        n = len(centres)
        rc, p = m['cutoff'], m['envelope_p']
        u_pairs = x[j] + shift @ cell - x[centres][i]
        # Padded [n, M, 3]: unused slots sit at distance r_c along x, where envelope and basis vanish.
        u = torch.zeros(n, nmax, 3)
        u[:, :, 0] = rc
        mask = torch.zeros(n, nmax, dtype=torch.bool)
        mask[i, slot] = True
        u = u.index_put((torch.as_tensor(i), torch.as_tensor(slot)), u_pairs)
        sp = torch.zeros(n, nmax, dtype=torch.long)
        sp[i, slot] = species[j]
        r = u.norm(dim=-1)
        xr = r / rc
        fc = 1 - (p + 1) * (p + 2) / 2 * xr ** p + p * (p + 2) * xr ** (p + 1) - p * (p + 1) / 2 * xr ** (p + 2)
        fc = torch.where(mask, fc, torch.zeros_like(fc))
        kk = torch.arange(1, m['radial'] + 1, dtype=torch.float64)
        rb = m['rbf_scale'] * torch.sin(kk * math.pi * r[..., None] / rc) / r[..., None]
        rb = torch.where(mask[..., None], rb, torch.zeros_like(rb))
        nvec = u / r[..., None]
        cos = nvec @ nvec.transpose(1, 2)
        eye = torch.eye(nmax, dtype=torch.bool)
        cos = torch.where(eye, torch.ones_like(cos), cos)
        p2 = 1.5 * cos ** 2 - 0.5
        p3 = (2.5 * cos ** 2 - 1.5) * cos
        leg = torch.stack([torch.ones_like(cos), cos, p2, p3], dim=1)  # [n, 4, M, M]
        si = species[centres]
        h = torch.nn.functional.silu(rb @ s['Wr'] + s['e_s'][sp] + s['c_s'][si][:, None, :])
        n0, c = m['n0'], m['logit_bound']
        for b in range(self.L):
            pre = f'block{b}.'
            q = (h @ s[pre + 'Wq'] + s[pre + 'bq'][0]).view(n, nmax, self.H, self.dh).transpose(1, 2)
            k = (h @ s[pre + 'Wk'] + s[pre + 'bk'][0]).view(n, nmax, self.H, self.dh).transpose(1, 2)
            v = (h @ s[pre + 'Wv'] + s[pre + 'bv'][0]) * fc[..., None]
            v = v.view(n, nmax, self.H, self.dh).transpose(1, 2)
            bias = torch.einsum('hl,nlab->nhab', s[pre + 'beta'], leg)
            logit = q @ k.transpose(-1, -2) / math.sqrt(self.dh) + bias
            a = torch.exp(c * torch.tanh(logit / c)) / n0
            o = (a @ v).transpose(1, 2).reshape(n, nmax, self.d)
            h = h + o @ s[pre + 'Wo'] + s[pre + 'bo'][0]
            h = h + torch.nn.functional.silu(h @ s[pre + 'W1'] + s[pre + 'b1'][0]) @ s[pre + 'W2'] + s[pre + 'b2'][0]
        g = (fc[..., None] * h).sum(1) / n0
        y = torch.nn.functional.silu(g @ s['readout.W1'] + s['readout.b1'][0])
        y = torch.nn.functional.silu(y @ s['readout.W2'] + s['readout.b2'][0])
        out = (y @ s['readout.W3'])[:, 0] + s['readout.b3'][0, 0]
        return (m['e0'][si] + m['energy_scale'] * out).sum()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', required=True)
    ap.add_argument('--config', required=True)
    ap.add_argument('--reference', help='extxyz from a2imd eval (energy= and forces)')
    ap.add_argument('--threads', default='1', help='comma-separated thread counts to time')
    ap.add_argument('--seconds', type=float, default=5.0, help='timed seconds per thread count')
    ap.add_argument('--batch', type=int, default=32,
                    help='centres per forward/backward chunk (small chunks keep the [n, H, M, M] tensors in cache)')
    args = ap.parse_args()
    m = read_model(args.model)
    cell, names, pos, _, _ = read_extxyz(args.config)
    species = torch.tensor([m['species_names'].index(nm) for nm in names])
    i, j, shift = neighbour_pairs(cell, pos, m['cutoff'])
    order = np.lexsort((j, i))
    i, j, shift = i[order], j[order], shift[order]
    counts = np.bincount(i, minlength=len(pos))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    slot = np.arange(len(i)) - starts[i]
    nmax = int(counts.max())
    net = A2I(m)
    cell_t = torch.tensor(cell)
    x0 = torch.tensor(pos)
    chunks = []
    for c0 in range(0, len(pos), args.batch):
        centres = torch.arange(c0, min(c0 + args.batch, len(pos)))
        sel = (i >= c0) & (i < c0 + args.batch)
        chunks.append((centres, torch.as_tensor(i[sel] - c0), torch.as_tensor(j[sel]),
                       torch.tensor(shift[sel], dtype=torch.float64), slot[sel], int(counts[c0:c0 + args.batch].max())))

    def evaluate():
        x = x0.clone().requires_grad_(True)
        e = 0.0
        for centres, ci, cj, cs, cslot, cmax in chunks:
            ec = net.energy(x, cell_t, species, ci, cj, cs, cslot, cmax, centres)
            ec.backward()
            e += ec.item()
        return e, -x.grad

    print(f'torch {torch.__version__}: {len(pos)} atoms, {len(i) / len(pos):.1f} neighbours in cutoff on average, '
          f'padded to {nmax}')
    e, f = evaluate()
    if args.reference:
        _, _, _, fref, eref = read_extxyz(args.reference)
        fref = torch.tensor(fref)
        de = abs(e - eref) / abs(eref)
        df = (f - fref).abs().max().item() / fref.abs().max().item()
        print(f'agreement with a2imd: energy {e:.15g} vs {eref:.15g} (relative difference {de:.2e}); '
              f'max |dF| / max |F| = {df:.2e}')
        ok = de < 1e-8 and df < 1e-8
        print('AGREE (1e-8 relative)' if ok else 'DISAGREE')
    for nt in [int(t) for t in args.threads.split(',')]:
        torch.set_num_threads(nt)
        evaluate()
        best = []
        for _ in range(3):
            k, c0, t0 = 0, time.process_time(), time.perf_counter()
            while time.perf_counter() - t0 < args.seconds / 3 or k < 2:
                evaluate()
                k += 1
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            best.append((wall / k, cpu / k))
        for wall, cpu in best:
            print(f'torch-eval atoms {len(pos)} threads {nt} evals/s {1 / wall:.4g} us/atom '
                  f'{wall / len(pos) * 1e6:.1f} cpu-us/atom/thread {cpu / nt / len(pos) * 1e6:.1f}')
    return 0 if not args.reference or ok else 1


if __name__ == '__main__':
    raise SystemExit(main())
