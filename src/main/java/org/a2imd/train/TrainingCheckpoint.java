package org.a2imd.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.a2imd.core.InputException;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;

/**
 * Everything needed to continue a training bit for bit after a completed epoch: the current and best
 * models (as model-file text, which round-trips exactly), Adam's moments and step count, the shuffling
 * RNG, the schedule's state, early-stopping counters and the learning curve so far. A fingerprint of
 * the setup (architecture, loss, optimiser, species, data sizes) guards against resuming a different
 * training. Binary, versioned, CRC-32 trailer, written atomically.
 */
public final class TrainingCheckpoint {
    private static final String MAGIC = "A2IMD-TRAIN-CHECKPOINT";
    private static final int VERSION = 1;

    String fingerprint;
    int epochsDone;
    long step;
    boolean stopped;
    A2IModel model;
    A2IModel best;
    double bestLoss;
    int bestEpoch;
    double[] adamM;
    double[] adamV;
    long adamSteps;
    long[] rng;
    double[] schedule;
    List<String> curve = new ArrayList<>();

    void write(Path path) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        writeString(out, fingerprint);
        out.writeInt(epochsDone);
        out.writeLong(step);
        out.writeBoolean(stopped);
        writeString(out, A2IModelFile.format(model));
        writeString(out, A2IModelFile.format(best));
        out.writeDouble(bestLoss);
        out.writeInt(bestEpoch);
        writeDoubles(out, adamM);
        writeDoubles(out, adamV);
        out.writeLong(adamSteps);
        out.writeInt(rng.length);
        for (long v : rng) {
            out.writeLong(v);
        }
        writeDoubles(out, schedule);
        out.writeInt(curve.size());
        for (String line : curve) {
            writeString(out, line);
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        AtomicFiles.write(path, bytes.toByteArray());
    }

    static TrainingCheckpoint read(Path path) {
        String name = path.toString();
        byte[] all;
        try {
            all = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, "training checkpoint not found (nothing to resume)");
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read the training checkpoint: " + e.getMessage());
        }
        if (all.length < 8) {
            throw new InputException(name, 0, "not an a2imd training checkpoint (too short)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
            if (!MAGIC.equals(in.readUTF())) {
                throw new InputException(name, 0, "not an a2imd training checkpoint");
            }
            long stored = new DataInputStream(new ByteArrayInputStream(all, all.length - 8, 8)).readLong();
            if (stored != crc.getValue()) {
                throw new InputException(name, 0, "the training checkpoint is damaged (checksum mismatch)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InputException(name, 0, "training checkpoint version " + version + " is not supported");
            }
            TrainingCheckpoint c = new TrainingCheckpoint();
            c.fingerprint = readString(in);
            c.epochsDone = in.readInt();
            c.step = in.readLong();
            c.stopped = in.readBoolean();
            c.model = A2IModelFile.parse(name + " (current model)", Arrays.asList(readString(in).split("\n")));
            c.best = A2IModelFile.parse(name + " (best model)", Arrays.asList(readString(in).split("\n")));
            c.bestLoss = in.readDouble();
            c.bestEpoch = in.readInt();
            c.adamM = readDoubles(in);
            c.adamV = readDoubles(in);
            c.adamSteps = in.readLong();
            c.rng = new long[in.readInt()];
            for (int k = 0; k < c.rng.length; k++) {
                c.rng[k] = in.readLong();
            }
            c.schedule = readDoubles(in);
            int lines = in.readInt();
            for (int k = 0; k < lines; k++) {
                c.curve.add(readString(in));
            }
            return c;
        } catch (IOException e) {
            throw new InputException(name, 0, "the training checkpoint is truncated or damaged");
        }
    }

    /** Strings longer than writeUTF's 64 KB limit (model texts), as length + UTF-8 bytes. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad string length");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) {
            out.writeDouble(x);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || 8L * n > in.available()) {
            throw new IOException("bad array length");
        }
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = in.readDouble();
        }
        return v;
    }
}
