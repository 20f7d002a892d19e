package org.a2imd.learn;

/** A stage that failed: the loop stops with the stage's exit status and a message naming it; finished stages stay. */
public final class LearnFailure extends RuntimeException {
    private final int status;

    public LearnFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The exit status a2imd learn ends with (that of the failed stage's command). */
    public int status() {
        return status;
    }
}
