package org.a2imd.force;

/** Which neighbour list a force field reads. */
public enum NeighborNeeds {
    /** No list (e.g. a purely reciprocal-space term). */
    NONE,
    /** Each pair once (pair potentials with Newton's third law). */
    HALF,
    /** Every neighbour of every atom (many-body terms). */
    FULL,
    /** Both lists (a sum of force fields that read different lists). */
    BOTH;

    public boolean half() {
        return this == HALF || this == BOTH;
    }

    public boolean full() {
        return this == FULL || this == BOTH;
    }

    public NeighborNeeds union(NeighborNeeds o) {
        boolean h = half() || o.half();
        boolean f = full() || o.full();
        return h && f ? BOTH : h ? HALF : f ? FULL : NONE;
    }
}
