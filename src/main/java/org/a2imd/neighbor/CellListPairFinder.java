package org.a2imd.neighbor;

import org.a2imd.core.WorkerPool;

/** Cell (bin) list pair search, O(N). PLACEHOLDER: delegates to brute force until implemented. */
public final class CellListPairFinder implements PairFinder {
    private final BruteForcePairFinder fallback = new BruteForcePairFinder();

    public CellListPairFinder(WorkerPool pool) {
    }

    @Override
    public void findPairs(NeighborList list) {
        fallback.findPairs(list);
    }
}
