package org.a2imd.force.ewald;

import org.a2imd.core.SpeciesSet;
import org.a2imd.neighbor.NeighborList;

/** Per-species source strengths spread onto the local atoms of a neighbour list (buffer reused). */
final class SpeciesSources {
    private final double[] byType;
    private double[] perAtom = new double[0];

    SpeciesSources(SpeciesSet species, double[] byType, String what) {
        if (byType.length != species.size()) {
            throw new IllegalArgumentException(what + " needs one value per species (" + species.size() + "), got "
                    + byType.length);
        }
        for (int t = 0; t < byType.length; t++) {
            if (!Double.isFinite(byType[t])) {
                throw new IllegalArgumentException(what + " of species " + species.name(t) + " is not a number");
            }
        }
        this.byType = byType.clone();
    }

    double[] of(NeighborList nl) {
        int n = nl.nLocal;
        if (perAtom.length != n) {
            perAtom = new double[n];
        }
        for (int i = 0; i < n; i++) {
            perAtom[i] = byType[nl.type[i]];
        }
        return perAtom;
    }

    double get(int type) {
        return byType[type];
    }

    /** Sum over atoms of the per-species value, for atom types {@code type[0..n)}. */
    double total(int[] type, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += byType[type[i]];
        }
        return s;
    }
}
