package org.a2imd.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.a2imd.core.AtomState;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ewald.CoulombForceField;
import org.a2imd.force.ewald.EwaldParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code a2imd bench ewald}: time of one Coulomb Ewald energy + forces evaluation for N, 2N, 4N ...
 * charges (+-1, simple-cubic sites, random species, reduced density 0.8) with automatic parameters and
 * the cost-balanced cutoff rc = scale (V^2/N)^(1/6) ({@link EwaldParameters#balancedCutoff}); prints the
 * time ratio and the apparent exponent between successive sizes (N^1.5 is the balanced Ewald law).
 */
@Command(name = "ewald", mixinStandardHelpOptions = true,
        description = "Time Coulomb Ewald energy+forces for doubling N at fixed density.")
final class BenchEwald implements Callable<Integer> {
    @Option(names = "--atoms", description = "smallest system (default ${DEFAULT-VALUE})")
    int atoms = 1000;

    @Option(names = "--sizes", description = "number of doublings (default ${DEFAULT-VALUE})")
    int sizes = 4;

    @Option(names = "--accuracy", description = "relative Ewald accuracy (default ${DEFAULT-VALUE})")
    double accuracy = 1e-6;

    @Option(names = "--scale", description = "cutoff balance constant (default ${DEFAULT-VALUE})")
    double scale = 2.0;

    @Option(names = "--threads", description = "worker threads (default ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--repeat", description = "timed evaluations per size (default ${DEFAULT-VALUE})")
    int repeat = 5;

    @Override
    public Integer call() {
        SpeciesSet sp = SpeciesSet.of(new Species("A", 1.0), new Species("B", 1.0));
        double density = 0.8;
        double prevTime = 0;
        int prevN = 0;
        System.out.println("# atoms  cutoff  alpha  kmax  k-vectors  ms/eval  ratio  exponent");
        try (WorkerPool pool = new WorkerPool(threads)) {
            for (int s = 0; s < sizes; s++) {
                int target = atoms << s;
                int cells = (int) Math.round(Math.cbrt(target));
                Lattice lat = Lattice.withDensity(Lattice.Kind.SC, density, cells, cells, cells);
                int n = lat.count();
                if (n % 2 == 1) {
                    lat = Lattice.withDensity(Lattice.Kind.SC, density, cells + 1, cells, cells);
                    n = lat.count();
                }
                int[] type = Lattice.assignSpecies(n, new double[] {0.5, 0.5}, new Rng(17));
                AtomState state = new AtomState(Units.LJ, sp, lat.box(), type, lat.positions());
                // displace the sites so the configuration is not a perfect lattice
                Rng rng = new Rng(5);
                for (int k = 0; k < 3 * n; k++) {
                    state.pos[k] += 0.1 * (rng.nextDouble() - 0.5);
                }
                double rc = EwaldParameters.balancedCutoff(n, lat.box().volume(), scale, 2.5);
                EwaldParameters par = EwaldParameters.automatic(1, rc, accuracy);
                CoulombForceField field = new CoulombForceField(sp, new double[] {1, -1}, par, 1.0, false);
                ForceEvaluator ev = new ForceEvaluator(field, 0.0, pool);
                ev.evaluate(state, false); // list, k-vectors, JIT warm-up
                ev.evaluate(state, false);
                long t0 = System.nanoTime();
                for (int r = 0; r < repeat; r++) {
                    ev.evaluate(state, false);
                }
                double ms = (System.nanoTime() - t0) / 1e6 / repeat;
                String ratio = prevN == 0 ? "-" : String.format(Locale.ROOT, "%.2f", ms / prevTime);
                String expo = prevN == 0 ? "-"
                        : String.format(Locale.ROOT, "%.2f", Math.log(ms / prevTime) / Math.log((double) n / prevN));
                System.out.printf(Locale.ROOT, "%7d  %6.2f  %5.3f  %5.2f  %9d  %8.2f  %5s  %8s%n", n, rc, par.alpha(),
                        par.kMax(), field.ewald().kVectorCount(), ms, ratio, expo);
                prevTime = ms;
                prevN = n;
            }
        }
        return 0;
    }
}
