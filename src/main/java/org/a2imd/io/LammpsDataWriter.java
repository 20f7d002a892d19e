package org.a2imd.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;

/**
 * Writes a state as a LAMMPS data file (atom_style atomic, with a Velocities section), so that LAMMPS can
 * start from exactly the positions and velocities of an a2imd run (benchmarks/timestep-sweep.sh). Types
 * are a2imd's species indices + 1, masses per type; the origin is 0 as in a2imd. The cell must be in
 * LAMMPS's restricted triclinic form (a along x, b in the xy plane), which every lattice a2imd builds is.
 */
public final class LammpsDataWriter {
    private LammpsDataWriter() {
    }

    public static void write(AtomState s, Path file, String title) throws IOException {
        Box box = s.box();
        double[] r = box.rows();
        if (r[1] != 0 || r[2] != 0 || r[5] != 0) {
            throw new IllegalArgumentException("LAMMPS needs the cell vector a along x and b in the xy plane; this cell is "
                    + box);
        }
        double[] pos = s.pos.clone();
        box.wrap(pos, new int[3 * s.n], s.n);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(title.replace('\n', ' ') + "\n\n");
            w.write(s.n + " atoms\n" + s.species.size() + " atom types\n\n");
            w.write(String.format(Locale.ROOT, "0 %.17g xlo xhi%n0 %.17g ylo yhi%n0 %.17g zlo zhi%n", r[0], r[4], r[8]));
            if (!box.isOrthorhombic()) {
                w.write(String.format(Locale.ROOT, "%.17g %.17g %.17g xy xz yz%n", r[3], r[6], r[7]));
            }
            w.write("\nMasses\n\n");
            for (int t = 0; t < s.species.size(); t++) {
                w.write(String.format(Locale.ROOT, "%d %.17g # %s%n", t + 1, s.species.mass(t), s.species.name(t)));
            }
            w.write("\nAtoms # atomic\n\n");
            for (int i = 0; i < s.n; i++) {
                w.write(String.format(Locale.ROOT, "%d %d %.17g %.17g %.17g%n", i + 1, s.type[i] + 1, pos[3 * i],
                        pos[3 * i + 1], pos[3 * i + 2]));
            }
            w.write("\nVelocities\n\n");
            for (int i = 0; i < s.n; i++) {
                w.write(String.format(Locale.ROOT, "%d %.17g %.17g %.17g%n", i + 1, s.vel[3 * i], s.vel[3 * i + 1],
                        s.vel[3 * i + 2]));
            }
        }
    }
}
