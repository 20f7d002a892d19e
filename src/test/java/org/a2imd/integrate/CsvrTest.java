package org.a2imd.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsvrTest extends CanonicalEnsembleChecks {
    @Override
    Integrator thermostat() {
        return new Csvr(DT, T, 0.1, 99);
    }

    @Override
    int stride() {
        return 25; // 0.5 time units = 5 relaxation times
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Csvr(0.01, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Csvr(0.01, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Csvr(0, 1, 1, 1));
        assertEquals("csvr dt 0.01 T 1.0 tau 0.5 seed 7", new Csvr(0.01, 1, 0.5, 7).describe());
    }
}
