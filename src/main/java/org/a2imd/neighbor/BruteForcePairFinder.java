package org.a2imd.neighbor;

import java.util.Arrays;

/**
 * O(N * (N + ghosts)) pair search: every local atom against every local and ghost atom. Slow and
 * obviously correct; the oracle that the cell-list search is tested against.
 */
public final class BruteForcePairFinder implements PairFinder {
    @Override
    public void findPairs(NeighborList nl) {
        double rc2 = nl.listCutoff() * nl.listCutoff();
        ListBuffer half = nl.wantsHalf() ? new ListBuffer(nl.nLocal) : null;
        ListBuffer full = nl.wantsFull() ? new ListBuffer(nl.nLocal) : null;
        double[] x = nl.x;
        for (int i = 0; i < nl.nLocal; i++) {
            if (half != null) {
                half.startAtom(i);
            }
            if (full != null) {
                full.startAtom(i);
            }
            for (int j = 0; j < nl.nAll; j++) {
                if (j == i) {
                    continue;
                }
                double dx = x[3 * j] - x[3 * i];
                double dy = x[3 * j + 1] - x[3 * i + 1];
                double dz = x[3 * j + 2] - x[3 * i + 2];
                if (dx * dx + dy * dy + dz * dz >= rc2) {
                    continue;
                }
                if (full != null) {
                    full.add(j);
                }
                if (half != null && nl.isHalfPair(i, j)) {
                    half.add(j);
                }
            }
        }
        if (half != null) {
            half.finish(nl.nLocal);
            nl.setHalf(half.start, half.end, half.items);
        }
        if (full != null) {
            full.finish(nl.nLocal);
            nl.setFull(full.start, full.end, full.items);
        }
    }

    /** A growable list, atom after atom in atom order. */
    static final class ListBuffer {
        int[] start;
        int[] end;
        int[] items = new int[64];
        int size;

        ListBuffer(int nLocal) {
            start = new int[nLocal + 1];
        }

        void startAtom(int i) {
            start[i] = size;
        }

        void add(int j) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, 2 * size);
            }
            items[size++] = j;
        }

        void finish(int nLocal) {
            start[nLocal] = size;
            end = Arrays.copyOfRange(start, 1, nLocal + 1);
        }
    }
}
