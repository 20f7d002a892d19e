package org.a2imd.core;

/**
 * The dynamic state of a periodic system as structure-of-arrays: interleaved x, y, z triplets of
 * positions, velocities and forces in primitive arrays, one type index per atom, and image counters
 * so that unwrapped positions can be recovered after wrapping.
 */
public final class AtomState {
    public final int n;
    public final Units units;
    public final SpeciesSet species;
    private Box box;
    /** Positions, 3n; inside the cell right after a neighbour-list build, drifting out between builds. */
    public final double[] pos;
    /** Velocities, 3n. */
    public final double[] vel;
    /** Forces, 3n, as last computed by the force evaluator. */
    public final double[] force;
    /** Species index of each atom. */
    public final int[] type;
    /** Periodic image counters, 3n: unwrapped = pos + image . (a, b, c). */
    public final int[] image;
    /** Mass of each atom (from its species), n. */
    public final double[] mass;

    public AtomState(Units units, SpeciesSet species, Box box, int[] type, double[] pos) {
        if (pos.length != 3 * type.length) {
            throw new IllegalArgumentException("positions must hold 3 numbers per atom");
        }
        this.n = type.length;
        this.units = units;
        this.species = species;
        this.box = box;
        this.type = type.clone();
        this.pos = pos.clone();
        this.vel = new double[3 * n];
        this.force = new double[3 * n];
        this.image = new int[3 * n];
        this.mass = new double[n];
        for (int i = 0; i < n; i++) {
            if (type[i] < 0 || type[i] >= species.size()) {
                throw new IllegalArgumentException("atom " + (i + 1) + " has unknown type " + type[i]);
            }
            mass[i] = species.mass(type[i]);
        }
    }

    public Box box() {
        return box;
    }

    /** Replaces the cell (positions are not touched; use {@link #deform} to move them with it). */
    public void setBox(Box box) {
        this.box = box;
    }

    /** Deforms the cell and the unwrapped positions affinely by x -> (I + e) x. */
    public void deform(double[] e) {
        for (int i = 0; i < n; i++) {
            double x = pos[3 * i];
            double y = pos[3 * i + 1];
            double z = pos[3 * i + 2];
            pos[3 * i] = x + e[0] * x + e[1] * y + e[2] * z;
            pos[3 * i + 1] = y + e[3] * x + e[4] * y + e[5] * z;
            pos[3 * i + 2] = z + e[6] * x + e[7] * y + e[8] * z;
        }
        box = box.deformed(e);
    }

    /** Unwrapped position of atom i, written into out[0..2]. */
    public void unwrapped(int i, double[] out) {
        int ia = image[3 * i];
        int ib = image[3 * i + 1];
        int ic = image[3 * i + 2];
        for (int c = 0; c < 3; c++) {
            out[c] = pos[3 * i + c] + ia * box.vectorComponent(0, c) + ib * box.vectorComponent(1, c)
                    + ic * box.vectorComponent(2, c);
        }
    }

    /** Kinetic energy in energy units. */
    public double kineticEnergy() {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double vx = vel[3 * i];
            double vy = vel[3 * i + 1];
            double vz = vel[3 * i + 2];
            sum += mass[i] * (vx * vx + vy * vy + vz * vz);
        }
        return 0.5 * units.mvv2e * sum;
    }

    /** Kinetic tensor sum m v_a v_b in energy units (row-major 3x3), for the pressure tensor. */
    public void kineticTensor(double[] out9) {
        java.util.Arrays.fill(out9, 0.0);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    out9[3 * a + b] += mass[i] * vel[3 * i + a] * vel[3 * i + b];
                }
            }
        }
        for (int k = 0; k < 9; k++) {
            out9[k] *= units.mvv2e;
        }
    }

    /** Degrees of freedom for the temperature: 3N - 3 (centre-of-mass momentum is removed). */
    public int degreesOfFreedom() {
        return Math.max(1, 3 * n - 3);
    }

    /** Instantaneous temperature from the kinetic energy with 3N - 3 degrees of freedom. */
    public double temperature() {
        return 2.0 * kineticEnergy() / (degreesOfFreedom() * units.boltz);
    }

    /** Sets the total momentum to zero. */
    public void removeCentreOfMassMomentum() {
        double px = 0;
        double py = 0;
        double pz = 0;
        double mt = 0;
        for (int i = 0; i < n; i++) {
            px += mass[i] * vel[3 * i];
            py += mass[i] * vel[3 * i + 1];
            pz += mass[i] * vel[3 * i + 2];
            mt += mass[i];
        }
        px /= mt;
        py /= mt;
        pz /= mt;
        for (int i = 0; i < n; i++) {
            vel[3 * i] -= px;
            vel[3 * i + 1] -= py;
            vel[3 * i + 2] -= pz;
        }
    }
}
