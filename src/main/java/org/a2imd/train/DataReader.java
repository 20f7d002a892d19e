package org.a2imd.train;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.InputException;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.neighbor.BruteForcePairFinder;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.neighbor.PairFinder;

/**
 * Reads labelled frames from extended-XYZ files and turns them into {@link TrainingFrame}s for a model's
 * species and cutoff. Periodic frames must be periodic along all three axes; frames without a cell (or
 * with pbc="F F F") are clusters, placed in a cell large enough that no atom sees an image.
 */
public final class DataReader {
    /** Frames with fewer atoms use the brute-force pair search (cheaper than setting up cells). */
    static final int BRUTE_FORCE_ATOMS = 64;

    /** A frame as read, with where it came from. */
    public record Raw(String file, int line, ExtXyzFrame frame) {
    }

    private DataReader() {
    }

    /** All frames of a file; an empty file is an input error. */
    public static List<Raw> read(Path file) {
        List<Raw> out = new ArrayList<>();
        String name = file.toString();
        try (ExtXyzReader r = ExtXyzReader.open(file)) {
            while (true) {
                int line = r.line() + 1;
                ExtXyzFrame f = r.next();
                if (f == null) {
                    break;
                }
                out.add(new Raw(name, line, f));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, "data file not found");
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read the data file: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new InputException(name, 1, "the data file holds no frames");
        }
        return out;
    }

    /** Species names in order of first appearance. */
    public static List<String> speciesOf(List<Raw> frames) {
        Set<String> s = new LinkedHashSet<>();
        for (Raw r : frames) {
            s.addAll(Arrays.asList(r.frame().species));
        }
        return new ArrayList<>(s);
    }

    /**
     * Converts frames for a model with these species (in model order) and cutoff. Labels are checked
     * against what the loss needs: a frame without energy when {@code needEnergy}, and so on, is an
     * input error naming the frame.
     */
    public static List<TrainingFrame> convert(List<Raw> raws, List<String> species, double cutoff, Units units,
            boolean needEnergy, boolean needForces, boolean needAtomEnergies, WorkerPool pool) {
        List<Species> sp = new ArrayList<>();
        for (String s : species) {
            sp.add(new Species(s, 1.0));
        }
        SpeciesSet set = new SpeciesSet(sp);
        CellListPairFinder cells = new CellListPairFinder(pool);
        BruteForcePairFinder brute = new BruteForcePairFinder();
        List<TrainingFrame> out = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            out.add(convert(r, set, cutoff, units, needEnergy, needForces, needAtomEnergies, cells, brute));
        }
        return out;
    }

    private static TrainingFrame convert(Raw raw, SpeciesSet species, double cutoff, Units units, boolean needEnergy,
            boolean needForces, boolean needAtomEnergies, CellListPairFinder cells, BruteForcePairFinder brute) {
        ExtXyzFrame f = raw.frame();
        String file = raw.file();
        int line = raw.line();
        int n = f.size();
        if (n == 0) {
            throw new InputException(file, line, "the frame has no atoms");
        }
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            type[i] = species.indexOf(f.species[i]);
            if (type[i] < 0) {
                throw new InputException(file, line + 2 + i, "species \"" + f.species[i] + "\" of atom " + (i + 1)
                        + " is not a species of the model (model species: " + String.join(", ", species.names())
                        + ")");
            }
        }
        double energy;
        try {
            Double e = f.energy();
            energy = e == null ? Double.NaN : e;
        } catch (IllegalArgumentException e) {
            throw new InputException(file, line + 1, e.getMessage());
        }
        if (needEnergy && Double.isNaN(energy)) {
            throw new InputException(file, line + 1, "the frame has no energy= key, but the loss weights energies "
                    + "(set \"loss energy 0\" to train without energies)");
        }
        if (needForces && f.forces == null) {
            throw new InputException(file, line + 1, "the frame has no forces column (Properties=...:forces:R:3), "
                    + "but the loss weights forces (set \"loss forces 0\" to train without forces)");
        }
        if (needAtomEnergies && f.energies == null) {
            throw new InputException(file, line + 1, "the frame has no per-atom energies column "
                    + "(Properties=...:energies:R:1), but the loss weights them (\"loss atom_energies 0\" turns that off)");
        }
        AtomState state = new AtomState(units, species, cell(f, cutoff, file, line), type, placed(f, cutoff));
        PairFinder finder = n < BRUTE_FORCE_ATOMS ? brute : cells;
        NeighborList nl = new NeighborList(cutoff, 0.0, false, true, finder);
        nl.build(state);
        if (finder == cells) {
            // The cell-list finder reuses its arrays for the next build: keep copies.
            nl.keepFullList();
        }
        return new TrainingFrame(file, line, type, energy, f.forces == null ? null : f.forces.clone(),
                f.energies == null ? null : f.energies.clone(), virial(f, file, line), nl, !cluster(f));
    }

    /**
     * The frame's virial W_ab = sum r_a f_b (energy units): the {@code virial} key, else ASE's
     * {@code stress} (energy / length^3, stress = -W / V, as ExtXyzFrame and ASE write it) times -volume
     * of a periodic cell; null when it has neither.
     */
    static double[] virial(ExtXyzFrame f, String file, int line) {
        try {
            double[] w = f.virial();
            if (w != null) {
                return w.clone();
            }
            double[] stress = f.stress();
            if (stress == null) {
                return null;
            }
            if (cluster(f)) {
                throw new InputException(file, line + 1, "the frame has a stress but no periodic cell to turn it "
                        + "into a virial (virial = -stress * volume); give the virial= key instead");
            }
            double v = f.box.volume();
            double[] out = new double[9];
            for (int k = 0; k < 9; k++) {
                out[k] = -stress[k] * v;
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new InputException(file, line + 1, e.getMessage());
        }
    }

    private static boolean cluster(ExtXyzFrame f) {
        return f.box == null || !(f.pbc[0] || f.pbc[1] || f.pbc[2]);
    }

    /** The periodic cell, or for a cluster a box with at least 1.5 cutoffs of vacuum on every side. */
    private static Box cell(ExtXyzFrame f, double cutoff, String file, int line) {
        if (!cluster(f)) {
            if (!(f.pbc[0] && f.pbc[1] && f.pbc[2])) {
                throw new InputException(file, line + 1, "the frame is periodic along some axes only (pbc); "
                        + "a2imd trains on fully periodic cells or on clusters (pbc=\"F F F\")");
            }
            return f.box;
        }
        double[] lo = new double[3];
        double[] hi = new double[3];
        extent(f.pos, lo, hi);
        double pad = 1.5 * cutoff;
        return Box.orthorhombic(hi[0] - lo[0] + 2 * pad, hi[1] - lo[1] + 2 * pad, hi[2] - lo[2] + 2 * pad);
    }

    /** Positions as given, or for a cluster shifted into its vacuum box (a translation changes nothing). */
    private static double[] placed(ExtXyzFrame f, double cutoff) {
        if (!cluster(f)) {
            return f.pos;
        }
        double[] lo = new double[3];
        double[] hi = new double[3];
        extent(f.pos, lo, hi);
        double pad = 1.5 * cutoff;
        double[] p = f.pos.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] += pad - lo[i % 3];
        }
        return p;
    }

    private static void extent(double[] pos, double[] lo, double[] hi) {
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < pos.length; i++) {
            lo[i % 3] = Math.min(lo[i % 3], pos[i]);
            hi[i % 3] = Math.max(hi[i % 3], pos[i]);
        }
    }
}
