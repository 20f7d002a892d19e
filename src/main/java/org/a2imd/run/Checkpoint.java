package org.a2imd.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.InputException;

/**
 * Everything needed to continue a run bit for bit: positions, velocities, image counters, cell, step,
 * the integrator's random streams and accumulators, the positions at the last neighbour-list build
 * (from which the same list is rebuilt, so the file does not depend on the list's layout), and the
 * lengths of the output files at that moment. Binary, versioned, with a CRC-32 trailer; written to a
 * temporary file and renamed, so a crash never leaves a torn checkpoint.
 */
public final class Checkpoint {
    private static final String MAGIC = "A2IMD-CHECKPOINT";
    /**
     * 2 adds, per output file, its name relative to the deck's folder and the SHA-256 of its content at the
     * checkpoint, and the deck's physics lines ({@link RunRecord}). Version 1 files are still read: their
     * outputs are named by absolute path and have no hash, and they carry no physics.
     */
    private static final int VERSION = 2;

    private String units;
    private String[] speciesNames;
    private double[] speciesMasses;
    private double[] boxRows;
    private long step;
    private int[] type;
    private double[] pos;
    private double[] vel;
    private int[] image;
    private double[] neighborReference;
    private long neighborBuilds;
    private String integratorKind;
    private byte[] integratorState;
    private int version;
    private double conservedReference = Double.NaN;
    private double conservedScale = Double.NaN;
    private final Map<String, OutputRecord> outputs = new LinkedHashMap<>();
    private final java.util.List<String> physics = new java.util.ArrayList<>();

    /** An output file as the checkpoint saw it: name, length in bytes, SHA-256 of those bytes (null in version 1). */
    public record OutputRecord(String name, long length, byte[] hash) {
    }

    private Checkpoint() {
    }

    /** Writes a checkpoint of the simulation atomically (temporary file, then rename). */
    public static void write(Path path, Simulation sim) throws IOException {
        write(path, sim, new RunRecord(null, java.util.List.of()));
    }

    /** Writes a checkpoint with the run's record (output names relative to its folder, its physics). */
    public static void write(Path path, Simulation sim, RunRecord record) throws IOException {
        AtomState s = sim.state();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * s.n + 4096);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(s.units.id);
        out.writeInt(s.species.size());
        for (int t = 0; t < s.species.size(); t++) {
            out.writeUTF(s.species.name(t));
            out.writeDouble(s.species.mass(t));
        }
        writeDoubles(out, s.box().rows());
        out.writeLong(sim.step());
        out.writeInt(s.n);
        for (int i = 0; i < s.n; i++) {
            out.writeInt(s.type[i]);
        }
        writeDoubles(out, s.pos);
        writeDoubles(out, s.vel);
        for (int v : s.image) {
            out.writeInt(v);
        }
        writeDoubles(out, sim.forces().neighborList().positionsAtLastBuild());
        out.writeLong(sim.forces().neighborList().builds());
        out.writeUTF(sim.integrator().getClass().getSimpleName());
        ByteArrayOutputStream integ = new ByteArrayOutputStream();
        sim.integrator().writeState(new DataOutputStream(integ));
        out.writeInt(integ.size());
        out.write(integ.toByteArray());
        int files = 0;
        for (Observer o : sim.observers()) {
            if (o instanceof WritesFile && ((WritesFile) o).outputFile() != null) {
                files++;
            }
        }
        out.writeInt(files);
        for (Observer o : sim.observers()) {
            if (o instanceof WritesFile && ((WritesFile) o).outputFile() != null) {
                OutputFile f = ((WritesFile) o).outputFile();
                f.commit();
                f.sync();
                out.writeUTF(record.nameOf(f.path()));
                out.writeLong(f.length());
                byte[] hash = f.contentHash();
                out.writeInt(hash.length);
                out.write(hash);
            }
        }
        out.writeInt(record.physics().size());
        for (String line : record.physics()) {
            out.writeUTF(line);
        }
        out.writeDouble(sim.conservedReference());
        out.writeDouble(sim.conservedScale());
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();

        writeAtomically(path, bytes.toByteArray());
    }

    /** Writes a whole file atomically (see {@link org.a2imd.core.AtomicFile}). */
    static void writeAtomically(Path path, byte[] content) throws IOException {
        org.a2imd.core.AtomicFile.write(path, content);
    }

    /** Reads and verifies a checkpoint; a damaged or foreign file is an {@link InputException}. */
    public static Checkpoint read(Path path) {
        org.a2imd.core.FileProblems.requireReadable(path, "checkpoint file");
        byte[] all;
        try {
            all = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InputException(path.toString(), 0, "checkpoint file not found");
        } catch (IOException e) {
            throw new InputException(path.toString(), 0, "cannot read checkpoint: " + e.getMessage());
        }
        String file = path.toString();
        if (all.length < 8) {
            throw new InputException(file, 0, "not an a2imd checkpoint (file too short)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = 0;
        for (int k = all.length - 8; k < all.length; k++) {
            stored = (stored << 8) | (all[k] & 0xff);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            if (!MAGIC.equals(readMagic(in))) {
                throw new InputException(file, 0, "not an a2imd checkpoint (bad magic)");
            }
            if (crc.getValue() != stored) {
                throw new InputException(file, 0, "checkpoint is corrupted (checksum mismatch)");
            }
            int version = in.readInt();
            if (version != VERSION && version != 1) {
                throw new InputException(file, 0, "checkpoint format version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            Checkpoint c = new Checkpoint();
            c.version = version;
            c.units = in.readUTF();
            int ns = in.readInt();
            c.speciesNames = new String[ns];
            c.speciesMasses = new double[ns];
            for (int t = 0; t < ns; t++) {
                c.speciesNames[t] = in.readUTF();
                c.speciesMasses[t] = in.readDouble();
            }
            c.boxRows = readDoubles(in, 9);
            c.step = in.readLong();
            int n = in.readInt();
            c.type = new int[n];
            for (int i = 0; i < n; i++) {
                c.type[i] = in.readInt();
            }
            c.pos = readDoubles(in, 3 * n);
            c.vel = readDoubles(in, 3 * n);
            c.image = new int[3 * n];
            for (int k = 0; k < 3 * n; k++) {
                c.image[k] = in.readInt();
            }
            c.neighborReference = readDoubles(in, 3 * n);
            c.neighborBuilds = in.readLong();
            c.integratorKind = in.readUTF();
            c.integratorState = new byte[in.readInt()];
            in.readFully(c.integratorState);
            int files = in.readInt();
            for (int k = 0; k < files; k++) {
                String name = in.readUTF();
                long length = in.readLong();
                byte[] hash = null;
                if (version >= 2) {
                    hash = new byte[in.readInt()];
                    in.readFully(hash);
                }
                c.outputs.put(name, new OutputRecord(name, length, hash));
            }
            if (version >= 2) {
                int lines = in.readInt();
                for (int k = 0; k < lines; k++) {
                    c.physics.add(in.readUTF());
                }
                c.conservedReference = in.readDouble();
                c.conservedScale = in.readDouble();
            }
            return c;
        } catch (EOFException e) {
            throw new InputException(file, 0, "checkpoint is truncated");
        } catch (IOException e) {
            throw new InputException(file, 0, "cannot read checkpoint: " + e.getMessage());
        }
    }

    private static String readMagic(DataInputStream in) {
        try {
            return in.readUTF();
        } catch (IOException e) {
            return null;
        }
    }

    public long step() {
        return step;
    }

    /** Format version of the file read (1 or 2). */
    public int version() {
        return version;
    }

    /**
     * The record of an output file, looked up by its name relative to the deck's folder (version 2) or its
     * absolute path (version 1); null when the run that wrote the checkpoint had no such file.
     */
    public OutputRecord output(Path p, RunRecord run) {
        return outputs.get(version >= 2 ? run.nameOf(p) : p.toAbsolutePath().normalize().toString());
    }

    /** Every output file the checkpoint recorded. */
    public java.util.Collection<OutputRecord> outputs() {
        return outputs.values();
    }

    /** The deck's physics lines at the checkpoint (empty for version 1). */
    public java.util.List<String> physics() {
        return java.util.List.copyOf(physics);
    }

    /**
     * Puts this checkpoint's state into a simulation built from the same deck. Checks that units,
     * species, atom count and integrator agree.
     */
    public void applyTo(Simulation sim, String file) throws IOException {
        AtomState s = sim.state();
        if (!units.equals(s.units.id)) {
            throw new InputException(file, 0, "checkpoint is in units " + units + " but the deck uses " + s.units.id);
        }
        if (speciesNames.length != s.species.size()) {
            throw new InputException(file, 0, "checkpoint has " + speciesNames.length + " species but the deck defines "
                    + s.species.size());
        }
        for (int t = 0; t < speciesNames.length; t++) {
            if (!speciesNames[t].equals(s.species.name(t)) || speciesMasses[t] != s.species.mass(t)) {
                throw new InputException(file, 0, "checkpoint species " + (t + 1) + " is " + speciesNames[t] + " (mass "
                        + speciesMasses[t] + ") but the deck has " + s.species.name(t) + " (mass " + s.species.mass(t) + ")");
            }
        }
        if (type.length != s.n) {
            throw new InputException(file, 0, "checkpoint has " + type.length + " atoms but the deck builds " + s.n);
        }
        String kind = sim.integrator().getClass().getSimpleName();
        if (!integratorKind.equals(kind)) {
            throw new InputException(file, 0, "checkpoint was written by integrator " + integratorKind
                    + " but the deck asks for " + kind);
        }
        System.arraycopy(type, 0, s.type, 0, s.n);
        for (int i = 0; i < s.n; i++) {
            s.mass[i] = s.species.mass(type[i]);
        }
        s.setBox(Box.fromRows(boxRows));
        System.arraycopy(pos, 0, s.pos, 0, pos.length);
        System.arraycopy(vel, 0, s.vel, 0, vel.length);
        System.arraycopy(image, 0, s.image, 0, image.length);
        sim.integrator().readState(new DataInputStream(new ByteArrayInputStream(integratorState)));
        sim.setStep(step);
        sim.setConservedReference(conservedReference, conservedScale);
        sim.forces().neighborList().rebuildFrom(s, neighborReference);
        sim.forces().neighborList().setBuildCount(neighborBuilds);
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double d : v) {
            out.writeDouble(d);
        }
    }

    private static double[] readDoubles(DataInputStream in, int expected) throws IOException {
        int len = in.readInt();
        if (len != expected) {
            throw new IOException("array of " + len + " numbers where " + expected + " were expected");
        }
        double[] v = new double[len];
        for (int k = 0; k < len; k++) {
            v[k] = in.readDouble();
        }
        return v;
    }
}
