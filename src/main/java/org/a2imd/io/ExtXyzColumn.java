package org.a2imd.io;

/**
 * A per-atom column of an extended-XYZ frame that has no dedicated field in {@link ExtXyzFrame} (for
 * example LAMMPS's {@code type}), kept so that it can be read and written back unchanged.
 *
 * @param name property name as in {@code Properties}
 * @param type 'R' real, 'I' integer, 'L' logical (numbers hold 0 or 1), 'S' string
 * @param count values per atom
 * @param numbers count values per atom (atom-major) for R, I and L; null for S
 * @param strings count values per atom for S; null otherwise
 */
public record ExtXyzColumn(String name, char type, int count, double[] numbers, String[] strings) {
    public ExtXyzColumn {
        if (type != 'R' && type != 'I' && type != 'L' && type != 'S') {
            throw new IllegalArgumentException("column " + name + " has unknown type " + type);
        }
        if (count < 1) {
            throw new IllegalArgumentException("column " + name + " needs at least one value per atom");
        }
        if ((type == 'S') != (strings != null) || (type == 'S') == (numbers != null)) {
            throw new IllegalArgumentException("column " + name + " of type " + type
                    + " must hold " + (type == 'S' ? "strings" : "numbers"));
        }
    }

    /** Number of atoms the column covers. */
    public int atoms() {
        return (type == 'S' ? strings.length : numbers.length) / count;
    }
}
