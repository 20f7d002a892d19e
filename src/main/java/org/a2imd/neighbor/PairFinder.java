package org.a2imd.neighbor;

/**
 * Finds, for every local atom, the atoms (local or ghost) within the list cutoff, and writes them into
 * the half and/or full lists of a {@link NeighborList}. Implementations differ only in speed.
 */
public interface PairFinder {
    void findPairs(NeighborList list);
}
