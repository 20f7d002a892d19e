package org.a2imd.run;

/** The dynamics became unphysical at a given step; names the step and the atom (1-based in messages). */
public final class SimulationFailure extends RuntimeException {
    private final long step;
    private final int atom;

    public SimulationFailure(long step, int atom, String detail) {
        super("simulation blew up at step " + step + (atom >= 0 ? " (atom " + (atom + 1) + ")" : "") + ": " + detail);
        this.step = step;
        this.atom = atom;
    }

    public long step() {
        return step;
    }

    /** Zero-based atom index, or -1 when no single atom is to blame. */
    public int atom() {
        return atom;
    }
}
