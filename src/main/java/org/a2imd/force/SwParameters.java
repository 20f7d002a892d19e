package org.a2imd.force;

import java.util.List;

/**
 * Stillinger-Weber parameters for the species of a run, one {@link Entry} per ordered triplet of species
 * (i, j, k) as in a LAMMPS {@code .sw} file. Immutable.
 */
public final class SwParameters {
    /**
     * One {@code .sw} entry: epsilon (energy), sigma (length), a (cutoff a*sigma), lambda, gamma,
     * costheta0, A, B, p, q and tol (see LAMMPS pair_style sw). Only the (i, j, j) entries carry two-body
     * parameters; three-body terms take lambda, epsilon and costheta0 from (i, j, k) and sigma, gamma
     * and a of each leg from (i, j, j) and (i, k, k).
     */
    public record Entry(double epsilon, double sigma, double a, double lambda, double gamma, double cosTheta0,
            double bigA, double bigB, double p, double q, double tol) {
        /** Cutoff a * sigma of the functional form. */
        public double cut() {
            return a * sigma;
        }

        /**
         * Distance beyond which LAMMPS drops the pair: a*sigma, shortened when tol &gt; 0 (tol capped at
         * 0.01) to where the exponential factor falls below tol.
         */
        public double effectiveCutoff() {
            double rc = cut();
            if (tol > 0) {
                double t = Math.min(tol, 0.01);
                rc += (gamma < 1 ? gamma * sigma : sigma) / Math.log(t);
            }
            return rc;
        }
    }

    private final List<String> species;
    private final Entry[] entries;
    private final String source;

    /**
     * @param species the run's species names in type order
     * @param entries n^3 entries, entry (i, j, k) at index (i * n + j) * n + k
     * @param source where the parameters came from (a file name), for logs
     */
    public SwParameters(List<String> species, Entry[] entries, String source) {
        int n = species.size();
        if (n == 0) {
            throw new IllegalArgumentException("Stillinger-Weber needs at least one species");
        }
        if (entries.length != n * n * n) {
            throw new IllegalArgumentException("need " + n * n * n + " triplet entries for " + n + " species, got "
                    + entries.length);
        }
        for (int m = 0; m < entries.length; m++) {
            if (entries[m] == null) {
                throw new IllegalArgumentException("triplet entry " + m + " is missing");
            }
        }
        this.species = List.copyOf(species);
        this.entries = entries.clone();
        this.source = source;
    }

    /** Number of species. */
    public int size() {
        return species.size();
    }

    public List<String> species() {
        return species;
    }

    public String source() {
        return source;
    }

    /** The entry for the ordered triplet of type indices (i, j, k). */
    public Entry get(int i, int j, int k) {
        int n = species.size();
        return entries[(i * n + j) * n + k];
    }
}
