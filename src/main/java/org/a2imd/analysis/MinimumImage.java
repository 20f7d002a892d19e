package org.a2imd.analysis;

import org.a2imd.core.Box;

/**
 * Minimum image for the all-pairs loops of the analyses (N^2 pairs per frame). In an orthorhombic cell
 * it rounds each fractional component, allocation-free, with the same arithmetic as
 * {@link Box#minimumImage} there (so results are bit-identical); in a triclinic cell it calls that method,
 * exact for any skew.
 */
final class MinimumImage {
    private final Box box;
    private final boolean orthorhombic;
    private final double[] length = new double[3];
    private final double[] inverse = new double[3];

    MinimumImage(Box box) {
        this.box = box;
        this.orthorhombic = box.isOrthorhombic();
        double[] s = new double[3];
        for (int c = 0; c < 3; c++) {
            length[c] = box.vectorComponent(c, c);
            box.toFractional(c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0, s);
            inverse[c] = s[c];
        }
    }

    void apply(double[] d) {
        if (!orthorhombic) {
            box.minimumImage(d);
            return;
        }
        for (int c = 0; c < 3; c++) {
            double s = inverse[c] * d[c];
            d[c] = length[c] * (s - Math.rint(s));
        }
    }
}
