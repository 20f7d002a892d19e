package org.a2imd.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.LennardJones;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzWriter;

/** Labelled LJ frames made in the test: 32-atom fcc cells, randomly strained and displaced. */
public final class TrainTestData {
    public static final double CUTOFF = 2.0;

    private TrainTestData() {
    }

    /** A tiny model that trains in seconds. */
    public static ModelSettings tinyModel(long seed) {
        return new ModelSettings(CUTOFF, 6, 8, 2, 1, 8, 8, 8, 6, 8.0, seed);
    }

    /**
     * Writes {@code frames} frames of 32 LJ atoms (fcc 2x2x2, density 0.8442 scaled by up to +-4%,
     * Gaussian displacements of {@code sigma}), with energy, forces and per-atom energies from the
     * engine's shifted LJ (rc 2.0, so that the tiny test models see few neighbours), species {@code name}.
     */
    public static void writeLj(Path file, int frames, long seed, double sigma, String name) throws IOException {
        writeLj(file, frames, seed, sigma, name, false);
    }

    /** As above; with {@code virial} also the virial= (and stress=) keys, as the trajectory writer gives them. */
    public static void writeLj(Path file, int frames, long seed, double sigma, String name, boolean virial)
            throws IOException {
        SpeciesSet species = new SpeciesSet(List.of(new Species(name, 1.0)));
        LennardJones lj = new LennardJones.Builder(species).cutoff(CUTOFF).shift(true).pair(0, 0, 1.0, 1.0).build();
        Rng rng = new Rng(seed);
        try (WorkerPool pool = new WorkerPool(1); Writer w = Files.newBufferedWriter(file)) {
            ForceEvaluator ev = new ForceEvaluator(lj, 0.0, pool);
            ExtXyzWriter out = new ExtXyzWriter(w);
            for (int f = 0; f < frames; f++) {
                double density = 0.8442 * (1 + 0.08 * (rng.nextDouble() - 0.5));
                Lattice lat = Lattice.withDensity(Lattice.Kind.byId("fcc"), density, 2, 2, 2);
                double[] pos = lat.positions();
                for (int k = 0; k < pos.length; k++) {
                    pos[k] += sigma * rng.nextGaussian();
                }
                Box box = lat.box();
                int n = pos.length / 3;
                AtomState s = new AtomState(Units.LJ, species, box, new int[n], pos);
                ev.evaluateFreshList(s, true);
                String[] names = new String[n];
                java.util.Arrays.fill(names, name);
                ExtXyzFrame fr = new ExtXyzFrame(box, names, s.pos.clone());
                fr.setEnergy(ev.energy());
                fr.forces = s.force.clone();
                fr.energies = ev.atomEnergies().clone();
                if (virial) {
                    fr.setVirial(ev.virial().clone());
                }
                out.write(fr);
            }
        }
    }
}
