package org.a2imd.analysis;

import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.Box;

/**
 * The structural and dynamical statistics of a sequence of configurations, shared by {@code compare} (fed
 * from a running simulation) and {@code analyze} (fed from a trajectory file): partial RDFs, the
 * bond-angle distribution (optional) and unwrapped positions for the MSD.
 */
public final class StructureSeries {
    private final Rdf rdf;
    private final BondAngles angles;
    private final List<double[]> unwrapped = new ArrayList<>();
    private final double[] d = new double[3];
    /** @param angles null for no bond-angle distribution */
    public StructureSeries(Rdf rdf, BondAngles angles) {
        this.rdf = rdf;
        this.angles = angles;
    }

    /** Adds a configuration whose unwrapped positions are known (a simulation's image counts). */
    public void add(Box box, double[] pos, double[] unwrappedPos, int[] type, int n) {
        unwrapped.add(unwrappedPos);
        rdf.add(box, pos, type, n);
        if (angles != null) {
            angles.add(box, pos, n);
        }
    }

    /**
     * Adds a configuration of wrapped positions (a trajectory file), unwrapping each atom by the minimum
     * image of its displacement since the previous configuration. This assumes no atom moves more than half
     * the cell width between two configurations; frames written further apart give a wrong MSD.
     */
    public void addWrapped(Box box, double[] pos, int[] type, int n) {
        double[] u = pos.clone();
        if (!unwrapped.isEmpty()) {
            double[] prev = unwrapped.get(unwrapped.size() - 1);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    d[c] = pos[3 * i + c] - lastWrapped[3 * i + c];
                }
                box.minimumImage(d);
                for (int c = 0; c < 3; c++) {
                    u[3 * i + c] = prev[3 * i + c] + d[c];
                }
            }
        }
        lastWrapped = pos.clone();
        add(box, pos, u, type, n);
    }

    private double[] lastWrapped;

    public Rdf rdf() {
        return rdf;
    }

    /** The bond-angle distribution, or null. */
    public BondAngles angles() {
        return angles;
    }

    public int frames() {
        return unwrapped.size();
    }

    public double[][] unwrappedFrames() {
        return unwrapped.toArray(new double[0][]);
    }

    /** MSD over lags 0 .. frames/2 (in frames), averaged over atoms and time origins; {0} for one frame. */
    public double[] msd() {
        double[][] frames = unwrappedFrames();
        if (frames.length < 2) {
            return new double[] {0};
        }
        return Msd.compute(frames, frames.length / 2);
    }
}
