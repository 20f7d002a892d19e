package org.a2imd.neighbor;

import java.util.Random;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;

/** Random periodic systems for the neighbour-list tests. */
final class RandomSystems {
    static final SpeciesSet SPECIES = SpeciesSet.of(new Species("A", 1.0), new Species("B", 2.0));

    private RandomSystems() {
    }

    /**
     * A random, randomly rotated triclinic cell whose perpendicular widths are close to the given
     * ones; tilt up to {@code tilt} times the length of the vector it leans along.
     */
    static Box randomCell(Random rnd, double wa, double wb, double wc, double tilt) {
        // Upper-triangular (LAMMPS) form first: a along x, b in the xy plane.
        double xy = tilt * (2 * rnd.nextDouble() - 1) * wa;
        double xz = tilt * (2 * rnd.nextDouble() - 1) * wa;
        double yz = tilt * (2 * rnd.nextDouble() - 1) * wb;
        double[][] v = {{wa, 0, 0}, {xy, wb, 0}, {xz, yz, wc}};
        double[] r = randomRotation(rnd);
        double[][] out = new double[3][3];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                out[k][i] = r[3 * i] * v[k][0] + r[3 * i + 1] * v[k][1] + r[3 * i + 2] * v[k][2];
            }
        }
        return Box.of(out[0], out[1], out[2]);
    }

    /** A uniformly random rotation matrix (row-major) from a random unit quaternion. */
    static double[] randomRotation(Random rnd) {
        double q0 = rnd.nextGaussian();
        double q1 = rnd.nextGaussian();
        double q2 = rnd.nextGaussian();
        double q3 = rnd.nextGaussian();
        double n = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
        q0 /= n;
        q1 /= n;
        q2 /= n;
        q3 /= n;
        return new double[] {
            1 - 2 * (q2 * q2 + q3 * q3), 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2),
            2 * (q1 * q2 + q0 * q3), 1 - 2 * (q1 * q1 + q3 * q3), 2 * (q2 * q3 - q0 * q1),
            2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), 1 - 2 * (q1 * q1 + q2 * q2)};
    }

    /**
     * n atoms at random positions, some of them outside the cell (up to one cell length away) so
     * that the build has to wrap them.
     */
    static AtomState randomState(Random rnd, Box box, int n) {
        double[] pos = new double[3 * n];
        int[] type = new int[n];
        double[] p = new double[3];
        for (int i = 0; i < n; i++) {
            double spread = rnd.nextInt(4) == 0 ? 3 : 1;
            double off = spread > 1 ? -1 : 0;
            box.toCartesian(off + spread * rnd.nextDouble(), off + spread * rnd.nextDouble(),
                    off + spread * rnd.nextDouble(), p);
            System.arraycopy(p, 0, pos, 3 * i, 3);
            type[i] = rnd.nextInt(2);
        }
        return new AtomState(Units.LJ, SPECIES, box, type, pos);
    }

    /** A copy of the state's box, types and current positions (velocities are not needed here). */
    static AtomState copy(AtomState s) {
        return new AtomState(s.units, s.species, s.box(), s.type, s.pos);
    }
}
