package org.a2imd.io;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes frames in the extended XYZ form ASE reads: {@code Lattice="..." Properties=species:S:1:pos:R:3
 * [:velocities:R:3][:forces:R:3][:energies:R:1][extra columns]}, then the frame's info keys in order
 * (energy, virial, stress, step, ...), then {@code pbc}. Real numbers are written with
 * {@link Double#toString}, the shortest text that reads back to the same double, so files round-trip
 * bit for bit. Streams to the given writer; the caller owns buffering, flushing and closing.
 */
public final class ExtXyzWriter {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(256);

    public ExtXyzWriter(Writer out) {
        this.out = out;
    }

    public void write(ExtXyzFrame f) throws IOException {
        int n = f.size();
        check(f.velocities, 3 * n, "velocities");
        check(f.forces, 3 * n, "forces");
        check(f.energies, n, "energies");
        for (ExtXyzColumn c : f.extraColumns) {
            if (c.atoms() * c.count() != (c.type() == 'S' ? c.strings().length : c.numbers().length)
                    || c.atoms() != n) {
                throw new IllegalArgumentException("column " + c.name() + " does not hold " + c.count()
                        + " values for each of the " + n + " atoms");
            }
        }
        sb.setLength(0);
        sb.append(n).append('\n');
        if (f.box != null) {
            sb.append("Lattice=\"").append(ExtXyzFrame.joinNumbers(f.box.rows())).append("\" ");
        }
        sb.append("Properties=species:S:1:pos:R:3");
        if (f.velocities != null) {
            sb.append(":velocities:R:3");
        }
        if (f.forces != null) {
            sb.append(":forces:R:3");
        }
        if (f.energies != null) {
            sb.append(":energies:R:1");
        }
        for (ExtXyzColumn c : f.extraColumns) {
            checkName(c.name(), "column name");
            sb.append(':').append(c.name()).append(':').append(c.type()).append(':').append(c.count());
        }
        for (Map.Entry<String, String> e : f.info.entrySet()) {
            String key = e.getKey();
            checkName(key, "key");
            if (ExtXyzFrame.STRUCTURAL_KEYS.contains(key)) {
                throw new IllegalArgumentException("info key " + key + " is written from the frame's fields");
            }
            sb.append(' ').append(key).append('=');
            appendValue(e.getValue());
        }
        boolean[] p = f.pbc;
        sb.append(" pbc=\"").append(p[0] ? 'T' : 'F').append(' ').append(p[1] ? 'T' : 'F').append(' ')
                .append(p[2] ? 'T' : 'F').append("\"\n");
        out.write(sb.toString());
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            String s = f.species[i];
            checkName(s, "species name");
            sb.append(s);
            append(f.pos, 3 * i, 3);
            if (f.velocities != null) {
                append(f.velocities, 3 * i, 3);
            }
            if (f.forces != null) {
                append(f.forces, 3 * i, 3);
            }
            if (f.energies != null) {
                append(f.energies, i, 1);
            }
            for (ExtXyzColumn c : f.extraColumns) {
                int k0 = i * c.count();
                for (int k = k0; k < k0 + c.count(); k++) {
                    sb.append(' ');
                    switch (c.type()) {
                        case 'S' -> {
                            checkName(c.strings()[k], "value of column " + c.name());
                            sb.append(c.strings()[k]);
                        }
                        case 'R' -> sb.append(c.numbers()[k]);
                        case 'I' -> sb.append((long) c.numbers()[k]);
                        default -> sb.append(c.numbers()[k] != 0 ? 'T' : 'F');
                    }
                }
            }
            sb.append('\n');
            out.write(sb.toString());
        }
    }

    private void append(double[] v, int from, int count) {
        for (int k = from; k < from + count; k++) {
            sb.append(' ').append(v[k]);
        }
    }

    /** Bare when the value is one plain word, otherwise double-quoted with " and \ escaped. */
    private void appendValue(String v) {
        boolean plain = !v.isEmpty();
        for (int k = 0; plain && k < v.length(); k++) {
            char c = v.charAt(k);
            plain = !Character.isWhitespace(c) && c != '"' && c != '\\' && c != '=' && c != '{';
        }
        if (plain) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    private static void check(double[] v, int len, String what) {
        if (v != null && v.length != len) {
            throw new IllegalArgumentException(what + " must hold " + len + " values, got " + v.length);
        }
    }

    private static void checkName(String s, String what) {
        boolean ok = s != null && !s.isEmpty();
        for (int k = 0; ok && k < s.length(); k++) {
            char c = s.charAt(k);
            ok = !Character.isWhitespace(c) && c != '=' && c != '"' && c != ':';
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " '" + s + "' must be a non-empty word without spaces, =, \" or :");
        }
    }
}
