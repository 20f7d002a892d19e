package org.a2imd.core;

/** A simulation became unphysical (non-finite numbers or an atom jumping across the cell). */
public final class BlowUpException extends RuntimeException {
    private final int atom;

    public BlowUpException(int atom, String message) {
        super(message);
        this.atom = atom;
    }

    /** Zero-based index of the offending atom. */
    public int atom() {
        return atom;
    }
}
