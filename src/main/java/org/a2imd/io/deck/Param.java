package org.a2imd.io.deck;

import java.util.Map;

import org.a2imd.core.Units;

/**
 * A positional argument or a {@code key value} option of a command: its name, type, whether it must be
 * given, and its default (fixed, or depending on the deck's units). Immutable.
 *
 * @param name         the option keyword, or the name getters use for a positional argument
 * @param label        words for messages ("time step"); the name for options
 * @param positional   true for positional arguments
 * @param required     the command is invalid without it
 * @param defaultValue used when absent (may be null)
 * @param unitDefaults used when absent and {@code defaultValue} is null (may be empty)
 */
public record Param(String name, String label, ValueType type, boolean positional, boolean required,
        Object defaultValue, Map<Units, Object> unitDefaults) {

    public Param {
        unitDefaults = Map.copyOf(unitDefaults);
    }

    boolean hasDefault() {
        return defaultValue != null || !unitDefaults.isEmpty();
    }
}
