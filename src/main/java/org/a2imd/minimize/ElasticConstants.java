package org.a2imd.minimize;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.force.ForceEvaluator;

/**
 * Zero-temperature elastic constants by finite strains: for each Voigt strain j the cell and atoms are
 * deformed affinely by +delta and -delta, the internal coordinates are relaxed at fixed cell, and
 * C_ij = (sigma_i(+delta) - sigma_i(-delta)) / (2 delta), with the stress sigma = -W / V (positive in
 * tension, so C is positive-definite for a stable crystal). The central difference cancels the
 * reference stress and the second-order terms. Shear strains are engineering strains (gamma_yz =
 * 2 e_yz = delta), as in the Voigt convention. Start from a relaxed crystal: C of a stressed reference
 * is not the usual one.
 */
public final class ElasticConstants {
    /** 1 eV/A^3 in GPa. */
    public static final double EV_PER_A3_IN_GPA = 160.21766208;

    /** Voigt labels of the stress and strain components, in order. */
    public static final String[] VOIGT = {"xx", "yy", "zz", "yz", "xz", "xy"};

    private ElasticConstants() {
    }

    /**
     * The constants, 6x6 in energy / volume units, row i = stress component, column j = strain.
     *
     * @param strain the finite strain delta used
     * @param relaxed with internal relaxation, or null when not asked
     * @param unrelaxed without internal relaxation (homogeneous strain only)
     * @param maxResidualForce largest force left after any of the relaxations (0 without relaxation)
     * @param evaluations force evaluations used
     */
    public record Result(double strain, double[][] relaxed, double[][] unrelaxed, double maxResidualForce,
            int evaluations) {
        /** The constants that describe the crystal: relaxed when available. */
        public double[][] c() {
            return relaxed != null ? relaxed : unrelaxed;
        }
    }

    /**
     * Computes the elastic constants around the current state, which is restored afterwards (its
     * forces and the evaluator's energy are re-evaluated there).
     *
     * @param relax relax internal coordinates at each strain with {@code settings} (fixed cell)
     */
    public static Result compute(AtomState state, ForceEvaluator forces, double strain, boolean relax,
            MinimizeSettings settings) {
        if (!(strain > 0) || strain > 0.1) {
            throw new IllegalArgumentException("strain must be in (0, 0.1], got " + strain);
        }
        double[] pos0 = state.pos.clone();
        int[] image0 = state.image.clone();
        Box box0 = state.box();
        double[][] relaxed = relax ? new double[6][6] : null;
        double[][] unrelaxed = new double[6][6];
        double residual = 0;
        int evaluations = 0;
        double[] e = new double[9];
        for (int j = 0; j < 6; j++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                restore(state, pos0, image0, box0);
                voigtStrain(j, sign * strain, e);
                state.deform(e);
                forces.requestEnergy(true);
                forces.evaluate(state, false);
                evaluations++;
                add(unrelaxed, j, sign, strain, stress(forces.virial(), state.box().volume()));
                if (relax) {
                    Minimization.Result r = Minimization.run(state, forces, settings, CellMode.NONE, 0.0);
                    evaluations += r.evaluations();
                    residual = Math.max(residual, r.maxForce());
                    add(relaxed, j, sign, strain, stress(forces.virial(), state.box().volume()));
                }
            }
        }
        restore(state, pos0, image0, box0);
        forces.evaluate(state, false);
        return new Result(strain, relaxed, unrelaxed, residual, evaluations + 1);
    }

    /** Adds this strain's share of the central difference to column j. */
    private static void add(double[][] c, int j, int sign, double strain, double[] sigma) {
        for (int i = 0; i < 6; i++) {
            c[i][j] += sign * sigma[i] / (2 * strain);
        }
    }

    private static void restore(AtomState s, double[] pos, int[] image, Box box) {
        System.arraycopy(pos, 0, s.pos, 0, pos.length);
        System.arraycopy(image, 0, s.image, 0, image.length);
        s.setBox(box);
    }

    /** The symmetric displacement gradient of Voigt strain j of size delta (engineering shear). */
    static void voigtStrain(int j, double delta, double[] e) {
        java.util.Arrays.fill(e, 0.0);
        switch (j) {
            case 0, 1, 2 -> e[4 * j] = delta;
            case 3 -> { e[5] = delta / 2; e[7] = delta / 2; }
            case 4 -> { e[2] = delta / 2; e[6] = delta / 2; }
            default -> { e[1] = delta / 2; e[3] = delta / 2; }
        }
    }

    /** Voigt stress -W/V (symmetrised), energy / volume units. */
    public static double[] stress(double[] w, double volume) {
        return new double[] {-w[0] / volume, -w[4] / volume, -w[8] / volume, -0.5 * (w[5] + w[7]) / volume,
            -0.5 * (w[2] + w[6]) / volume, -0.5 * (w[1] + w[3]) / volume};
    }

    /** Voigt average bulk modulus (C11 + C22 + C33 + 2 (C12 + C13 + C23)) / 9. */
    public static double bulkModulus(double[][] c) {
        return (c[0][0] + c[1][1] + c[2][2] + 2 * (c[0][1] + c[0][2] + c[1][2])) / 9;
    }

    /** Voigt average shear modulus (C11 + C22 + C33 - C12 - C13 - C23 + 3 (C44 + C55 + C66)) / 15. */
    public static double shearModulus(double[][] c) {
        return (c[0][0] + c[1][1] + c[2][2] - c[0][1] - c[0][2] - c[1][2] + 3 * (c[3][3] + c[4][4] + c[5][5])) / 15;
    }
}
