package org.a2imd.run;

/**
 * The dynamics became unphysical at a given step, or a stop condition of the deck was met; names the step
 * and the atom (1-based in messages).
 */
public final class SimulationFailure extends RuntimeException {
    private final long step;
    private final int atom;

    public SimulationFailure(long step, int atom, String detail) {
        this(step, atom, detail, true);
    }

    private SimulationFailure(long step, int atom, String text, boolean blowUp) {
        super(blowUp ? "simulation blew up at step " + step + (atom >= 0 ? " (atom " + (atom + 1) + ")" : "") + ": "
                + text : text);
        this.step = step;
        this.atom = atom;
    }

    /**
     * A run stopped on purpose by a condition of the deck (e.g. deviation_stop): handled like a blow-up
     * (exit status 3, last good checkpoint kept), with {@code message} shown as it is.
     */
    public static SimulationFailure stopped(long step, int atom, String message) {
        return new SimulationFailure(step, atom, message, false);
    }

    public long step() {
        return step;
    }

    /** Zero-based atom index, or -1 when no single atom is to blame. */
    public int atom() {
        return atom;
    }
}
