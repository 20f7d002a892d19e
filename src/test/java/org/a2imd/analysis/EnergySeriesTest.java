package org.a2imd.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.a2imd.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergySeriesTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEverySample() throws IOException {
        double[] t = {0, 0.1, 0.2, 0.3};
        double[] e = {-4.1738591202560, -4.1738591, -4.17386, -4.1738599};
        double[] k = {1.04, 1.05, 1.03, 1.02};
        EnergySeries s = new EnergySeries("lj", "a2imd", 0.005, 4000, "epsilon", "tau", t, e, k);
        Path f = dir.resolve("s.dat");
        s.write(f);
        EnergySeries r = EnergySeries.read(f);
        assertEquals("lj", r.system());
        assertEquals("a2imd", r.engine());
        assertEquals(0.005, r.dt());
        assertEquals(4000, r.atoms());
        assertEquals("epsilon", r.energyUnit());
        assertEquals("tau", r.timeUnit());
        assertArrayEquals(t, r.time(), 1e-12);
        assertArrayEquals(e, r.energy(), 1e-14);
        assertArrayEquals(k, r.kinetic(), 1e-14);
    }

    @Test
    void driftIsPerAtomSeriesSlope() {
        // E/N = 3 + 2e-4 t exactly: slope 2e-4, no fluctuation.
        double[] t = {0, 1, 2, 3, 4};
        double[] e = new double[5];
        double[] k = {1, 1.1, 0.9, 1.05, 0.95};
        for (int i = 0; i < 5; i++) {
            e[i] = 3 + 2e-4 * t[i];
        }
        EnergyDrift d = new EnergySeries("x", "y", 1, 10, "eV", "ps", t, e, k).drift();
        assertEquals(2e-4, d.slopePerAtom(), 1e-15);
        assertEquals(0, d.rmsPerAtom(), 1e-12);
    }

    @Test
    void malformedRowNamesItsLine() throws IOException {
        Path f = dir.resolve("bad.dat");
        Files.writeString(f, "# energy-series system lj engine lammps dt 0.005 atoms 10 energy eps time tau\n"
                + "# comment\n0 1 2\n0.1 1 2\n0.2 x 2\n");
        InputException ex = assertThrows(InputException.class, () -> EnergySeries.read(f));
        assertEquals(5, ex.line());
        assertTrue(ex.getMessage().contains("\"x\" is not a number"), ex.getMessage());
    }

    @Test
    void missingHeaderIsRefused() throws IOException {
        Path f = dir.resolve("nohead.dat");
        Files.writeString(f, "0 1 2\n");
        InputException ex = assertThrows(InputException.class, () -> EnergySeries.read(f));
        assertEquals(1, ex.line());
        Path g = dir.resolve("nodt.dat");
        Files.writeString(g, "# energy-series system lj engine a2imd atoms 10 energy eps time tau\n0 1 2\n1 1 2\n2 1 2\n");
        assertTrue(assertThrows(InputException.class, () -> EnergySeries.read(g)).getMessage().contains("\"dt\""));
    }

    @Test
    void powerLawFitRecoversExponentAndPrefactor() {
        double[] x = {0.001, 0.002, 0.004, 0.008};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = 3.5 * Math.pow(x[i], 2.0);
        }
        PowerLawFit f = PowerLawFit.of(x, y);
        assertEquals(2.0, f.exponent(), 1e-12);
        assertEquals(3.5, f.prefactor(), 1e-9);
        assertEquals(3.5, PowerLawFit.prefactorForExponent(x, y, 2.0), 1e-9);
        // Scatter about the law shifts the fit: a factor 2 at the largest x raises the exponent.
        y[3] *= 2;
        assertTrue(PowerLawFit.of(x, y).exponent() > 2.2);
        assertThrows(IllegalArgumentException.class, () -> PowerLawFit.of(new double[] {1, 2}, new double[] {1, -1}));
    }
}
