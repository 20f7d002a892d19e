package org.a2imd.minimize;

/**
 * What a minimisation does and when it stops.
 *
 * @param style FIRE or conjugate gradient
 * @param etol stop when the relative energy change between iterations is at most this, as LAMMPS:
 *     |E_k - E_k-1| &lt;= etol (|E_k| + |E_k-1|) / 2; 0 disables the test
 * @param ftol stop when the largest per-atom force length (and every cell generalised force) is at most
 *     this, in force units; 0 disables the test
 * @param maxIterations stop after this many iterations
 * @param dmax no atom moves more than this (length units) in one iteration or line-search trial
 */
public record MinimizeSettings(Style style, double etol, double ftol, int maxIterations, double dmax) {
    /** The minimisation algorithms. */
    public enum Style {
        FIRE("fire"),
        CG("cg");

        public final String id;

        Style(String id) {
            this.id = id;
        }

        public static Style byId(String id) {
            for (Style s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown minimisation style " + id);
        }
    }

    public MinimizeSettings {
        if (!(etol >= 0) || !(ftol >= 0) || maxIterations < 0 || !(dmax > 0)) {
            throw new IllegalArgumentException("etol and ftol must be >= 0, maxiter >= 0 and dmax > 0");
        }
    }

    /** Defaults for tight relaxations (elastic constants): CG, etol 0, ftol 1e-10, 10000 iterations, dmax 0.1. */
    public static MinimizeSettings tight() {
        return new MinimizeSettings(Style.CG, 0.0, 1e-10, 10000, 0.1);
    }

    /** Why a minimisation stopped. */
    public enum Stop {
        FORCE("force tolerance reached"),
        ENERGY("energy tolerance reached"),
        MAX_ITERATIONS("maximum number of iterations reached"),
        LINE_SEARCH("line search could not lower the energy further (round-off floor)");

        public final String description;

        Stop(String description) {
            this.description = description;
        }
    }

    /** True when the relative energy change between e1 and e0 is within etol (LAMMPS's rule). */
    boolean energyConverged(double e0, double e1) {
        return etol > 0 && Math.abs(e1 - e0) <= etol * 0.5 * (Math.abs(e1) + Math.abs(e0) + Double.MIN_NORMAL);
    }

    boolean forceConverged(double measure) {
        return measure <= ftol;
    }
}
