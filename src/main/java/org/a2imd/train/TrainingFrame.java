package org.a2imd.train;

import org.a2imd.neighbor.NeighborList;

/**
 * One labelled configuration: model species of its atoms, reference energy, forces and per-atom
 * energies (each optional), and its neighbour list, built once with skin 0 because the atoms never move.
 */
public final class TrainingFrame {
    /** Data file and 1-based line of the frame's atom-count line, for messages. */
    public final String file;
    public final int line;
    public final int atoms;
    /** Model species index of each atom. */
    public final int[] type;
    /** Reference energy, or NaN when the frame has none. */
    public final double energy;
    /** Reference forces (3 per atom), or null. */
    public final double[] forces;
    /** Reference per-atom energies, or null. */
    public final double[] atomEnergies;
    /**
     * Reference virial W_ab = sum r_a f_b (row-major 3x3, energy units, = -dE/dstrain), or null. From the
     * {@code virial} key, else from ASE's {@code stress} as -stress * volume.
     */
    public final double[] virial;
    /** Full neighbour list at the model cutoff (locals then ghosts); its cell is {@code list.box()}. */
    public final NeighborList list;
    /**
     * True for a periodic frame; false for a cluster, whose list cell is only a vacuum box that keeps
     * images out of the cutoff (long-range features would see those images).
     */
    public final boolean periodic;

    /** A frame without a virial. */
    TrainingFrame(String file, int line, int[] type, double energy, double[] forces, double[] atomEnergies,
            NeighborList list, boolean periodic) {
        this(file, line, type, energy, forces, atomEnergies, null, list, periodic);
    }

    TrainingFrame(String file, int line, int[] type, double energy, double[] forces, double[] atomEnergies,
            double[] virial, NeighborList list, boolean periodic) {
        this.file = file;
        this.line = line;
        this.atoms = type.length;
        this.type = type;
        this.energy = energy;
        this.forces = forces;
        this.atomEnergies = atomEnergies;
        this.virial = virial;
        this.list = list;
        this.periodic = periodic;
    }

    public boolean hasEnergy() {
        return !Double.isNaN(energy);
    }

    /** Cell volume of a periodic frame, NaN for a cluster (whose box is only vacuum). */
    public double volume() {
        return periodic ? list.box().volume() : Double.NaN;
    }

    /**
     * A copy whose neighbour list is its own (the atoms, labels and list entries are the same): training
     * displaces {@code list.x} in place while it evaluates the force-loss gradient, so concurrent
     * trainings must not share frames.
     */
    public TrainingFrame copy() {
        return new TrainingFrame(file, line, type, energy, forces, atomEnergies, virial, list.withOwnPositions(), periodic);
    }

    /** "file:line", for messages. */
    public String where() {
        return file + ":" + line;
    }

    /** Number of neighbours within the list cutoff, summed over the atoms. */
    public long neighbourCount() {
        return list.fullEntryCount();
    }
}
