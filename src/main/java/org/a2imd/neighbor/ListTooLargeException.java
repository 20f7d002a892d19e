package org.a2imd.neighbor;

/**
 * A neighbour list that would not fit in memory: the list cutoff reaches too many periodic images of the
 * cell (a cutoff far beyond the box, or a cell collapsed to a sliver). Raised before anything is allocated;
 * callers that know the deck line report it there.
 */
public final class ListTooLargeException extends RuntimeException {
    public ListTooLargeException(String message) {
        super(message);
    }
}
