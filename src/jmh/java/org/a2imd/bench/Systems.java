package org.a2imd.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.a2imd.core.AtomState;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ForceField;
import org.a2imd.force.LennardJones;
import org.a2imd.force.StillingerWeber;
import org.a2imd.integrate.Velocities;
import org.a2imd.integrate.VelocityVerlet;
import org.a2imd.io.SwFile;

/**
 * The configurations the micro-benchmarks run on: states after a short NVE run, so that neighbour counts
 * and geometry are those of a real liquid or hot crystal, not of a perfect lattice.
 */
final class Systems {
    private Systems() {
    }

    /** LJ liquid: fcc rho* 0.8442 (4 cells^3 atoms) from T* 1.44, 300 steps of shifted LJ NVE (T* about 0.7). */
    static AtomState ljLiquid(int cells) {
        Lattice lat = Lattice.withDensity(Lattice.Kind.FCC, 0.8442, cells, cells, cells);
        AtomState s = new AtomState(Units.LJ, SpeciesSet.of(new Species("Ar", 1.0)), lat.box(), new int[lat.count()],
                lat.positions());
        Velocities.maxwellBoltzmann(s, 1.44, new Rng(87287));
        equilibrate(s, lj(s.species), 0.3, 0.005, 300);
        return s;
    }

    static LennardJones lj(SpeciesSet species) {
        return new LennardJones.Builder(species).cutoff(2.5).shift(true).pair("Ar", "Ar", 1.0, 1.0).build();
    }

    /** Diamond Si (8 cells^3 atoms, a = 5.431 A) from 2000 K, 300 fs of SW NVE (about 1000 K). */
    static AtomState hotSilicon(int cells) throws IOException {
        Lattice lat = Lattice.withConstant(Lattice.Kind.DIAMOND, 5.431, cells, cells, cells);
        AtomState s = new AtomState(Units.METAL, SpeciesSet.of(new Species("Si", 28.0855)), lat.box(),
                new int[lat.count()], lat.positions());
        Velocities.maxwellBoltzmann(s, 2000.0, new Rng(12345));
        equilibrate(s, sw(s.species), 1.0, 0.001, 300);
        return s;
    }

    static StillingerWeber sw(SpeciesSet species) throws IOException {
        return new StillingerWeber(SwFile.read(swFile(), species));
    }

    /** potentials/Si.sw of the checkout (benchmarks/jmh.sh runs from the repository root). */
    static Path swFile() {
        return Path.of(System.getProperty("a2imd.root", "."), "potentials", "Si.sw");
    }

    private static void equilibrate(AtomState s, ForceField field, double skin, double dt, int steps) {
        try (WorkerPool pool = new WorkerPool(1)) {
            ForceEvaluator f = new ForceEvaluator(field, skin, pool);
            VelocityVerlet vv = new VelocityVerlet(dt);
            vv.init(s, f);
            for (int k = 0; k < steps; k++) {
                vv.step(s, f);
            }
        }
    }
}
