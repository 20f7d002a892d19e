package org.a2imd.integrate;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ForceField;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.NeighborNeeds;
import org.a2imd.neighbor.NeighborList;

/** Cheap force fields and systems for integrator tests. */
final class TestSystems {
    private TestSystems() {
    }

    /**
     * Soft spheres: phi(r) = eps (1 - r^2 / rc^2)^3 for r &lt; rc. Smooth to the second derivative at the
     * cutoff (so velocity Verlet shows its clean dt^2 energy error), needs no square root, and sums to
     * zero force (translation invariant). Brute loop over the half list.
     */
    static final class SoftSpheres implements ForceField {
        final double eps;
        final double rc;

        SoftSpheres(double eps, double rc) {
            this.eps = eps;
            this.rc = rc;
        }

        @Override
        public double cutoff() {
            return rc;
        }

        @Override
        public NeighborNeeds neighborNeeds() {
            return NeighborNeeds.HALF;
        }

        @Override
        public void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool) {
            double[] x = nl.x;
            double[] f = out.force;
            double inv = 1 / (rc * rc);
            double e = 0;
            for (int i = 0; i < nl.nLocal; i++) {
                for (int p = nl.halfStart[i]; p < nl.halfEnd[i]; p++) {
                    int j = nl.half[p];
                    double dx = x[3 * i] - x[3 * j];
                    double dy = x[3 * i + 1] - x[3 * j + 1];
                    double dz = x[3 * i + 2] - x[3 * j + 2];
                    double u = 1 - (dx * dx + dy * dy + dz * dz) * inv;
                    if (u <= 0) {
                        continue;
                    }
                    e += eps * u * u * u;
                    double g = 6 * eps * u * u * inv; // force on i = g * (x_i - x_j)
                    f[3 * i] += g * dx;
                    f[3 * i + 1] += g * dy;
                    f[3 * i + 2] += g * dz;
                    f[3 * j] -= g * dx;
                    f[3 * j + 1] -= g * dy;
                    f[3 * j + 2] -= g * dz;
                    double[] w = out.virial;
                    w[0] += dx * g * dx;
                    w[1] += dx * g * dy;
                    w[2] += dx * g * dz;
                    w[3] += dy * g * dx;
                    w[4] += dy * g * dy;
                    w[5] += dy * g * dz;
                    w[6] += dz * g * dx;
                    w[7] += dz * g * dy;
                    w[8] += dz * g * dz;
                }
            }
            out.energy += e;
        }

        @Override
        public String describe() {
            return "soft eps " + eps + " rc " + rc;
        }
    }

    /** No interactions at all (ideal gas). */
    static final class Free implements ForceField {
        @Override
        public double cutoff() {
            return 0;
        }

        @Override
        public NeighborNeeds neighborNeeds() {
            return NeighborNeeds.NONE;
        }

        @Override
        public void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool) {
        }

        @Override
        public String describe() {
            return "free";
        }
    }

    /**
     * A simple-cubic arrangement of side^3 atoms at number density rho, species assigned with the given
     * weights, velocities Maxwell-Boltzmann at temperature t.
     */
    static AtomState cubic(Units units, SpeciesSet species, double[] weights, int side, double rho, double t,
            long seed) {
        Lattice lat = Lattice.withDensity(Lattice.Kind.SC, rho, side, side, side);
        Rng rng = new Rng(seed);
        int[] type = Lattice.assignSpecies(lat.count(), weights, rng);
        AtomState s = new AtomState(units, species, lat.box(), type, lat.positions());
        Velocities.maxwellBoltzmann(s, t, rng);
        return s;
    }

    static SpeciesSet lj(double... masses) {
        Species[] sp = new Species[masses.length];
        for (int k = 0; k < masses.length; k++) {
            sp[k] = new Species("A" + k, masses[k]);
        }
        return SpeciesSet.of(sp);
    }

    /** A new state with the same atoms, positions, velocities and image counters (forces not copied). */
    static AtomState copy(AtomState s) {
        AtomState c = new AtomState(s.units, s.species, s.box(), s.type, s.pos);
        System.arraycopy(s.vel, 0, c.vel, 0, s.vel.length);
        System.arraycopy(s.image, 0, c.image, 0, s.image.length);
        return c;
    }

    static double totalEnergy(AtomState s, ForceEvaluator f) {
        return f.energy() + s.kineticEnergy();
    }

    static double mean(double[] a) {
        double m = 0;
        for (double v : a) {
            m += v;
        }
        return m / a.length;
    }

    static double std(double[] a) {
        double m = mean(a);
        double q = 0;
        for (double v : a) {
            q += (v - m) * (v - m);
        }
        return Math.sqrt(q / (a.length - 1));
    }

    /** Lag-1 autocorrelation of a series. */
    static double lag1(double[] a) {
        double m = mean(a);
        double num = 0;
        double den = 0;
        for (int k = 0; k < a.length; k++) {
            den += (a[k] - m) * (a[k] - m);
            if (k > 0) {
                num += (a[k] - m) * (a[k - 1] - m);
            }
        }
        return num / den;
    }
}
