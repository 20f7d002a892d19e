package org.a2imd.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.a2imd.core.Box;
import org.a2imd.core.InputException;
import org.a2imd.core.Units;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;

/**
 * The selected frames of an extended-XYZ trajectory (as {@code a2imd run} writes it, or ASE): frames with
 * {@code step} below {@code skip} are dropped (frames without a {@code step} key count as steps 0, 1, 2,
 * ...), then every {@code every}-th of the rest is kept. Every frame must have a cell ({@code Lattice}),
 * the same number of atoms and the same species in the same order; anything else is an InputException
 * naming the file and line.
 */
public final class TrajectoryFile {
    /** One kept frame: its step, time (NaN without a time key), cell, positions, energy (NaN without). */
    public record Frame(long step, double time, Box box, double[] pos, double energy) {
    }

    private final String file;
    private final String[] typeNames;
    private final int[] type;
    private final Units units;
    private final List<Frame> frames;

    private TrajectoryFile(String file, String[] typeNames, int[] type, Units units, List<Frame> frames) {
        this.file = file;
        this.typeNames = typeNames;
        this.type = type;
        this.units = units;
        this.frames = frames;
    }

    /** Reads and selects frames; {@code units} (may be null) is used when the file has no units key. */
    public static TrajectoryFile read(Path path, long skip, int every, Units units) throws IOException {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new InputException(name, 0, "no such trajectory file");
        }
        List<Frame> kept = new ArrayList<>();
        String[] species = null;
        int[] type = null;
        Map<String, Integer> types = new HashMap<>();
        Units fileUnits = null;
        long index = 0;
        long selected = 0;
        try (ExtXyzReader r = ExtXyzReader.open(path)) {
            for (ExtXyzFrame f = r.next(); f != null; f = r.next(), index++) {
                int frameLine = r.line() - f.size() - 1;
                if (f.box == null) {
                    throw new InputException(name, frameLine + 1, "the frame has no Lattice: g(r) and the MSD need "
                            + "the periodic cell");
                }
                if (species == null) {
                    species = f.species;
                    type = new int[f.size()];
                    for (String sp : new java.util.TreeSet<>(java.util.Arrays.asList(species))) {
                        types.put(sp, types.size());
                    }
                    for (int i = 0; i < f.size(); i++) {
                        type[i] = types.get(species[i]);
                    }
                } else if (f.size() != species.length) {
                    throw new InputException(name, frameLine, "this frame has " + f.size() + " atoms, the first has "
                            + species.length + ": the atom count must not change along a trajectory");
                } else {
                    for (int i = 0; i < species.length; i++) {
                        if (!f.species[i].equals(species[i])) {
                            throw new InputException(name, frameLine + 2 + i, "atom " + (i + 1) + " is "
                                    + f.species[i] + " here and " + species[i] + " in the first frame: atoms must "
                                    + "keep their order and species");
                        }
                    }
                }
                String u = f.info.get("units");
                if (u != null) {
                    Units fu = Units.byId(u);
                    if (fu == null) {
                        throw new InputException(name, frameLine + 1, "unknown units '" + u + "' (lj or metal)");
                    }
                    fileUnits = fu;
                }
                long step = f.info.containsKey("step") ? number(name, frameLine + 1, "step", f.info.get("step"))
                        .longValue() : index;
                if (step < skip) {
                    continue;
                }
                if (selected++ % every != 0) {
                    continue;
                }
                double time = f.info.containsKey("time") ? number(name, frameLine + 1, "time", f.info.get("time"))
                        : Double.NaN;
                Double e = f.info.containsKey("energy") ? f.energy() : null;
                kept.add(new Frame(step, time, f.box, f.pos, e == null ? Double.NaN : e));
            }
        }
        if (species == null) {
            throw new InputException(name, 0, "the trajectory holds no frame");
        }
        if (kept.isEmpty()) {
            throw new InputException(name, 0, "no frame is left after --skip " + skip + " (the last step is "
                    + (index - 1) + " or its step key)");
        }
        if (fileUnits != null && units != null && fileUnits != units) {
            throw new InputException(name, 0, "the file says units " + fileUnits.id + ", --units says " + units.id);
        }
        return new TrajectoryFile(name, new java.util.TreeSet<>(types.keySet()).toArray(new String[0]), type,
                fileUnits != null ? fileUnits : units, kept);
    }

    private static Double number(String file, int line, String key, String text) {
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new InputException(file, line, "the " + key + " key is not a number: '" + text + "'");
        }
    }

    public String file() {
        return file;
    }

    /** Species names in alphabetical order (type t is typeNames()[t]). */
    public String[] typeNames() {
        return typeNames;
    }

    public int[] types() {
        return type;
    }

    public int atoms() {
        return type.length;
    }

    /** The units key of the file, else those given to read (null when neither). */
    public Units units() {
        return units;
    }

    public List<Frame> frames() {
        return frames;
    }

    /**
     * Time between consecutive kept frames, from their time keys (which must be evenly spaced), or
     * {@code fallback} when the frames have none; NaN when neither is known or there is one frame.
     */
    public double frameInterval(Double fallback) {
        if (frames.size() < 2) {
            return fallback != null ? fallback : Double.NaN;
        }
        if (Double.isNaN(frames.get(0).time())) {
            return fallback != null ? fallback : Double.NaN;
        }
        double dt = frames.get(1).time() - frames.get(0).time();
        for (int k = 2; k < frames.size(); k++) {
            double d = frames.get(k).time() - frames.get(k - 1).time();
            if (Math.abs(d - dt) > 1e-6 * Math.abs(dt)) {
                throw new InputException(file, 0, "frames are not evenly spaced in time (" + dt + " then " + d
                        + " after step " + frames.get(k - 1).step() + "): the MSD needs a constant interval");
            }
        }
        if (!(dt > 0)) {
            throw new InputException(file, 0, "the time key does not increase from frame to frame");
        }
        return dt;
    }

    /** The smallest perpendicular width of any kept frame's cell. */
    public double minWidth() {
        double w = Double.POSITIVE_INFINITY;
        for (Frame f : frames) {
            double[] p = f.box().perpendicularWidths();
            w = Math.min(w, Math.min(p[0], Math.min(p[1], p[2])));
        }
        return w;
    }
}
