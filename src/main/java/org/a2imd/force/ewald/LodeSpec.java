package org.a2imd.force.ewald;

import java.util.Arrays;

/**
 * What generalized LODE features an atom gets: for each exponent p, each smearing radius a and each
 * source species s, the feature of atom i is the potential at r_i of the Gaussian-smeared atoms of
 * species s (all periodic images, atom i itself excluded) under the kernel 1/r^p:
 * <pre>
 *   lambda_i(p, a, s) = sum_{j in s, images, (j,n) != (i,0)} L_{p,a}(|r_i - r_j + n|)
 * </pre>
 * with L the smooth long-range part of the Ewald split of 1/r^p at alpha = 1 / (sqrt 2 a)
 * ({@link EwaldKernel#longRange}): it behaves like 1/r^p beyond a few a and is finite inside. This is
 * the l = 0 projection of the smeared potential onto a Gaussian radial function centred on atom i (the
 * convolution of two Gaussians is a Gaussian, so a is the combined width). For p &lt;= 3 the k = 0 term
 * is dropped (a uniform neutralising background of species s), for p &gt; 3 it is included.
 * Features are ordered c = ((pIndex * radii.length) + aIndex) * species + s.
 *
 * @param exponents the exponents p (integers 1..12)
 * @param radii the smearing radii a (length units, &gt; 0)
 * @param accuracy relative truncation of the reciprocal sums (the Gaussian factor exp(-k^2 a^2 / 2) at the
 *     cut-off), e.g. 1e-8
 */
public record LodeSpec(int[] exponents, double[] radii, double accuracy) {
    public LodeSpec {
        if (exponents.length == 0 || radii.length == 0) {
            throw new IllegalArgumentException("LODE needs at least one exponent and one radius");
        }
        for (int p : exponents) {
            if (p < 1 || p > 12) {
                throw new IllegalArgumentException("LODE exponent must be an integer from 1 to 12, got " + p);
            }
        }
        for (double a : radii) {
            if (!(a > 0) || !Double.isFinite(a)) {
                throw new IllegalArgumentException("LODE radius must be positive, got " + a);
            }
        }
        if (!(accuracy > 0 && accuracy < 1)) {
            throw new IllegalArgumentException("LODE accuracy must be in (0, 1), got " + accuracy);
        }
        exponents = exponents.clone();
        radii = radii.clone();
    }

    /** Features per atom for {@code species} source species. */
    public int featuresPerAtom(int species) {
        return exponents.length * radii.length * species;
    }

    @Override
    public int[] exponents() {
        return exponents.clone();
    }

    @Override
    public double[] radii() {
        return radii.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LodeSpec l && Arrays.equals(exponents, l.exponents) && Arrays.equals(radii, l.radii)
                && accuracy == l.accuracy;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(exponents) + Arrays.hashCode(radii)) + Double.hashCode(accuracy);
    }

    @Override
    public String toString() {
        return "lode exponents " + Arrays.toString(exponents) + " radii " + Arrays.toString(radii) + " accuracy "
                + accuracy;
    }
}
