package org.a2imd.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.junit.jupiter.api.Test;

class VelocitiesTest {
    /** 4000 atoms, argon and krypton-like masses, metal units. */
    private static AtomState mixture() {
        SpeciesSet sp = SpeciesSet.of(new Species("Ar", 39.948), new Species("Kr", 83.798));
        Lattice lat = Lattice.withConstant(Lattice.Kind.FCC, 5.0, 10, 10, 10);
        int[] type = Lattice.assignSpecies(lat.count(), new double[] {0.7, 0.3}, new Rng(1));
        return new AtomState(Units.METAL, sp, lat.box(), type, lat.positions());
    }

    @Test
    void givesTheExactTemperatureAndNoMomentum() {
        AtomState s = mixture();
        Velocities.maxwellBoltzmann(s, 300, new Rng(42));
        assertEquals(300, s.temperature(), 1e-10);
        double[] p = new double[3];
        double scale = 0;
        for (int i = 0; i < s.n; i++) {
            for (int c = 0; c < 3; c++) {
                p[c] += s.mass[i] * s.vel[3 * i + c];
                scale += Math.abs(s.mass[i] * s.vel[3 * i + c]);
            }
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(0, p[c] / scale, 1e-14, "total momentum component " + c);
        }
    }

    @Test
    void eachSpeciesHasItsMaxwellBoltzmannWidth() {
        // Variance of a component is kT / (m mvv2e): the heavy species must be slower by sqrt(mass ratio).
        AtomState s = mixture();
        double t = 500;
        Velocities.maxwellBoltzmann(s, t, new Rng(3));
        for (int type = 0; type < 2; type++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < s.n; i++) {
                if (s.type[i] == type) {
                    for (int c = 0; c < 3; c++) {
                        sum += s.vel[3 * i + c] * s.vel[3 * i + c];
                        count++;
                    }
                }
            }
            double expected = s.units.boltz * t / (s.species.mass(type) * s.units.mvv2e);
            double variance = sum / count;
            // relative standard error of a variance from count samples is sqrt(2 / count) (< 2.2 %)
            assertEquals(expected, variance, 4 * Math.sqrt(2.0 / count) * expected, "species " + type);
        }
    }

    @Test
    void isReproducibleAndZeroTemperatureIsRest() {
        AtomState a = mixture();
        AtomState b = mixture();
        Velocities.maxwellBoltzmann(a, 10, new Rng(9));
        Velocities.maxwellBoltzmann(b, 10, new Rng(9));
        assertArrayEquals(a.vel, b.vel, 0.0);
        Velocities.maxwellBoltzmann(a, 0, new Rng(9));
        assertEquals(0, a.kineticEnergy());
    }

    @Test
    void rejectsImpossibleRequests() {
        AtomState s = mixture();
        assertThrows(IllegalArgumentException.class, () -> Velocities.maxwellBoltzmann(s, -1, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> Velocities.maxwellBoltzmann(s, Double.NaN, new Rng(1)));
        AtomState one = new AtomState(Units.LJ, SpeciesSet.of(new Species("A", 1)), Box.orthorhombic(2, 2, 2),
                new int[] {0}, new double[] {1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> Velocities.maxwellBoltzmann(one, 1, new Rng(1)));
    }
}
