package org.a2imd.minimize;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.force.ForceEvaluator;

/**
 * The enthalpy H = E + P V of an {@link AtomState} as a function of atom positions and, optionally, a
 * diagonal deformation F of the cell, for the minimisers. Coordinates are the positions q in the
 * starting cell (the atoms sit at F q) followed by the cell coordinates y = c (F_aa - 1): one for
 * {@link CellMode#ISO}, three for {@link CellMode#ANISO}.
 *
 * <p>Generalised forces: on q_i, F^T f_i; on F, -dH/dF = (W - P V) F^-T with W the virial (W = -dE/d
 * strain), so the cell is at rest when the pressure tensor W / V equals P (on the diagonal for aniso,
 * its trace for iso), as with LAMMPS's fix box/relax. The scale c = sqrt(N) (V/N)^(1/3) makes a cell
 * coordinate about as stiff as an atom coordinate, whatever N.
 *
 * <p>Periodic wrapping: the neighbour list wraps atoms into the cell at rebuilds and counts the
 * crossing in {@code state.image}. Positions written here subtract the crossings since the start, so
 * they always agree with the list's wrapped positions and the image counters stay right.
 */
public final class RelaxationObjective implements Objective {
    private final AtomState state;
    private final ForceEvaluator forces;
    private final CellMode mode;
    private final double targetPressure;
    private final int n;
    private final int cellDof;
    private final Box box0;
    private final double[] q0;
    private final int[] image0;
    private final double scale;
    private final double reach;
    /** Diagonal of the current deformation F. */
    private final double[] stretch = {1, 1, 1};
    private final double[] strain = new double[9];

    /**
     * @param targetPressure P in energy / volume units (ignored for {@link CellMode#NONE})
     */
    public RelaxationObjective(AtomState state, ForceEvaluator forces, CellMode mode, double targetPressure) {
        this.state = state;
        this.forces = forces;
        this.mode = mode;
        this.targetPressure = mode == CellMode.NONE ? 0 : targetPressure;
        this.n = state.n;
        this.cellDof = switch (mode) {
            case NONE -> 0;
            case ISO -> 1;
            case ANISO -> 3;
        };
        this.box0 = state.box();
        this.q0 = state.pos.clone();
        this.image0 = state.image.clone();
        this.scale = Math.sqrt(n) * Math.cbrt(box0.volume() / n);
        double r = 0;
        for (int k = 0; k < 3; k++) {
            double[] v = box0.vector(k);
            r += Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        }
        this.reach = r;
    }

    @Override
    public int dimension() {
        return 3 * n + cellDof;
    }

    @Override
    public void coordinates(double[] x) {
        System.arraycopy(q0, 0, x, 0, 3 * n);
        for (int k = 0; k < cellDof; k++) {
            x[3 * n + k] = 0;
        }
    }

    @Override
    public double evaluate(double[] x, double[] force) {
        Box box = state.box();
        if (cellDof > 0) {
            for (int a = 0; a < 3; a++) {
                stretch[a] = 1 + x[3 * n + (cellDof == 1 ? 0 : a)] / scale;
                strain[4 * a] = stretch[a] - 1;
            }
            box = box0.deformed(strain);
            state.setBox(box);
        }
        double[] pos = state.pos;
        int[] image = state.image;
        for (int i = 0; i < n; i++) {
            int da = image[3 * i] - image0[3 * i];
            int db = image[3 * i + 1] - image0[3 * i + 1];
            int dc = image[3 * i + 2] - image0[3 * i + 2];
            for (int c = 0; c < 3; c++) {
                pos[3 * i + c] = stretch[c] * x[3 * i + c] - da * box.vectorComponent(0, c)
                        - db * box.vectorComponent(1, c) - dc * box.vectorComponent(2, c);
            }
        }
        forces.requestEnergy(true);
        forces.evaluate(state, false);
        double[] f = state.force;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                force[3 * i + c] = stretch[c] * f[3 * i + c];
            }
        }
        double volume = box.volume();
        if (cellDof > 0) {
            double[] w = forces.virial();
            double sum = 0;
            for (int a = 0; a < 3; a++) {
                double g = (w[4 * a] - targetPressure * volume) / (stretch[a] * scale);
                if (cellDof == 3) {
                    force[3 * n + a] = g;
                } else {
                    sum += g;
                }
            }
            if (cellDof == 1) {
                force[3 * n] = sum;
            }
        }
        return forces.energy() + targetPressure * volume;
    }

    /** Largest per-atom force length (real forces, not the q-space ones), and every cell force. */
    @Override
    public double forceMeasure(double[] force) {
        double largest = 0;
        for (int i = 0; i < n; i++) {
            double fx = force[3 * i] / stretch[0];
            double fy = force[3 * i + 1] / stretch[1];
            double fz = force[3 * i + 2] / stretch[2];
            largest = Math.max(largest, fx * fx + fy * fy + fz * fz);
        }
        largest = Math.sqrt(largest);
        for (int k = 0; k < cellDof; k++) {
            largest = Math.max(largest, Math.abs(force[3 * n + k]));
        }
        return largest;
    }

    @Override
    public double largestDisplacement(double[] d) {
        double largest = 0;
        for (int i = 0; i < n; i++) {
            double dx = stretch[0] * d[3 * i];
            double dy = stretch[1] * d[3 * i + 1];
            double dz = stretch[2] * d[3 * i + 2];
            largest = Math.max(largest, dx * dx + dy * dy + dz * dz);
        }
        double cell = 0;
        for (int k = 0; k < cellDof; k++) {
            cell = Math.max(cell, Math.abs(d[3 * n + k]) / scale * reach);
        }
        return Math.sqrt(largest) + cell;
    }

    /** Largest per-atom force length at the last evaluation. */
    public double maxAtomForce() {
        double largest = 0;
        double[] f = state.force;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, f[3 * i] * f[3 * i] + f[3 * i + 1] * f[3 * i + 1] + f[3 * i + 2] * f[3 * i + 2]);
        }
        return Math.sqrt(largest);
    }
}
