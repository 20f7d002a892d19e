package org.a2imd.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.a2imd.core.Box;

/**
 * One frame of an ASE-style extended XYZ file: cell, species and positions, optional velocities, forces
 * and per-atom energies, free per-frame keys and any other per-atom columns. A plain mutable holder:
 * the reader fills it, the writer writes it.
 *
 * <p>Per-frame values live in {@link #info} as their text (so they round-trip exactly); {@code energy},
 * {@code virial} and {@code stress} have typed accessors. {@code Lattice}, {@code Properties} and
 * {@code pbc} are structural and are not in {@code info}.
 */
public final class ExtXyzFrame {
    /** Keys the frame represents by fields rather than in {@link #info}. */
    static final List<String> STRUCTURAL_KEYS = List.of("Lattice", "Properties", "pbc");

    /** The cell, or null when the frame has no {@code Lattice}. */
    public Box box;
    /** Periodicity along a, b, c; ASE's default is all true with a Lattice and all false without. */
    public boolean[] pbc;
    /** Species name of each atom. */
    public final String[] species;
    /** Positions, 3 per atom. */
    public final double[] pos;
    /** Velocities, 3 per atom, or null. */
    public double[] velocities;
    /** Forces, 3 per atom, or null. */
    public double[] forces;
    /** Per-atom energies, or null. */
    public double[] energies;
    /** Per-frame keys and their values as text, in file order. */
    public final Map<String, String> info = new LinkedHashMap<>();
    /** Other per-atom columns, in file order. */
    public final List<ExtXyzColumn> extraColumns = new ArrayList<>();

    public ExtXyzFrame(Box box, String[] species, double[] pos) {
        if (pos.length != 3 * species.length) {
            throw new IllegalArgumentException("a frame of " + species.length + " atoms needs " + 3 * species.length
                    + " position values, got " + pos.length);
        }
        this.box = box;
        this.species = species;
        this.pos = pos;
        boolean p = box != null;
        this.pbc = new boolean[] {p, p, p};
    }

    public int size() {
        return species.length;
    }

    /** The {@code energy} key, or null when absent. */
    public Double energy() {
        String v = info.get("energy");
        return v == null ? null : parseNumber("energy", v);
    }

    public void setEnergy(double e) {
        info.put("energy", Double.toString(e));
    }

    /** The {@code virial} key (9 numbers, row-major, W_ab = sum r_a f_b), or null when absent. */
    public double[] virial() {
        return nine("virial");
    }

    /** The {@code stress} key (9 numbers, energy / length^3, stress = -virial / volume), or null. */
    public double[] stress() {
        return nine("stress");
    }

    /**
     * Sets the {@code virial} key and, when the frame has a cell, {@code stress} = -virial / volume (the
     * convention ASE reads).
     */
    public void setVirial(double[] w) {
        if (w.length != 9) {
            throw new IllegalArgumentException("a virial needs 9 numbers, got " + w.length);
        }
        info.put("virial", joinNumbers(w));
        if (box != null) {
            double[] s = new double[9];
            double v = box.volume();
            for (int k = 0; k < 9; k++) {
                s[k] = -w[k] / v;
            }
            info.put("stress", joinNumbers(s));
        }
    }

    /** The extra column of this name, or null. */
    public ExtXyzColumn column(String name) {
        for (ExtXyzColumn c : extraColumns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private double[] nine(String key) {
        String v = info.get(key);
        if (v == null) {
            return null;
        }
        String[] parts = v.trim().split("\\s+");
        if (parts.length != 9) {
            throw new IllegalArgumentException("key " + key + " must hold 9 numbers, has " + parts.length);
        }
        double[] out = new double[9];
        for (int k = 0; k < 9; k++) {
            out[k] = parseNumber(key, parts[k]);
        }
        return out;
    }

    private static double parseNumber(String key, String text) {
        Double d = ExtXyzReader.parseReal(text.trim());
        if (d == null) {
            throw new IllegalArgumentException("key " + key + " is not a finite number: '" + text + "'");
        }
        return d;
    }

    static String joinNumbers(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < v.length; k++) {
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(v[k]);
        }
        return sb.toString();
    }
}
