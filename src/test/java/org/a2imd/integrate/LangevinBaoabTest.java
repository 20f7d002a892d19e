package org.a2imd.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LangevinBaoabTest extends CanonicalEnsembleChecks {
    @Override
    Integrator thermostat() {
        return new LangevinBaoab(DT, T, 0.25, 2024);
    }

    @Override
    int stride() {
        return 25; // 0.5 time units = 2 damping times
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new LangevinBaoab(0.01, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LangevinBaoab(0.01, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LangevinBaoab(-0.01, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LangevinBaoab(0.01, Double.NaN, 1, 1));
        assertEquals("langevin baoab dt 0.01 T 1.0 damping 0.5 seed 7", new LangevinBaoab(0.01, 1, 0.5, 7).describe());
    }
}
