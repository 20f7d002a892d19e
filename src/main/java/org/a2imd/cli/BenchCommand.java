package org.a2imd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.a2imd.force.LennardJones;
import org.a2imd.integrate.VelocityVerlet;
import org.a2imd.integrate.Velocities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code a2imd bench}: the Lennard-Jones benchmarks of benchmarks/README.md. {@code lj} and {@code sw} measure speed
 * (LAMMPS bench/in.lj: fcc rho* 0.8442, T* 1.44, cutoff 2.5, skin 0.3, NVE; SW silicon); {@code drift}
 * measures NVE energy conservation and {@code plot-sweep} tabulates and plots timestep sweeps of it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (see benchmarks/README.md).",
        subcommands = {BenchCommand.Speed.class, BenchCommand.SwSpeed.class, BenchDrift.class, BenchPlotSweep.class,
            BenchA2I.class, BenchEwald.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The LJ fcc system of LAMMPS's bench/in.lj with about {@code atoms} atoms. */
    static AtomState ljSystem(int atoms, double temperature, long seed) {
        int cells = Math.max(1, (int) Math.round(Math.cbrt(atoms / 4.0)));
        Lattice lat = Lattice.withDensity(Lattice.Kind.FCC, 0.8442, cells, cells, cells);
        SpeciesSet species = SpeciesSet.of(new Species("Ar", 1.0));
        AtomState s = new AtomState(Units.LJ, species, lat.box(), new int[lat.count()], lat.positions());
        Velocities.maxwellBoltzmann(s, temperature, new Rng(seed));
        return s;
    }

    static LennardJones lj(SpeciesSet species, boolean shift) {
        return new LennardJones.Builder(species).cutoff(2.5).shift(shift).pair("Ar", "Ar", 1.0, 1.0).build();
    }

    /** Peak resident memory of this process in MiB (Linux), or -1. */
    static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Times {@code steps} NVE steps after {@code warmup} untimed ones and prints one result line. */
    static void timeNve(String name, AtomState s, org.a2imd.force.ForceField field, double skin, double dt, int threads,
            int steps, int warmup) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            ForceEvaluator f = new ForceEvaluator(field, skin, pool);
            VelocityVerlet vv = new VelocityVerlet(dt);
            vv.init(s, f);
            // As in a run with sparse thermo output: forces only on the timed steps.
            f.requestEnergy(false);
            for (int k = 0; k < warmup; k++) {
                vv.step(s, f);
            }
            long builds0 = f.neighborList().builds();
            long t0 = System.nanoTime();
            for (int k = 0; k < steps; k++) {
                vv.step(s, f);
            }
            double sec = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT,
                    "%s atoms %d threads %d steps %d seconds %.3f atom-steps/s %.4g builds %d peak-rss-MiB %.0f T %.4g%n",
                    name, s.n, threads, steps, sec, (double) s.n * steps / sec, f.neighborList().builds() - builds0,
                    peakRssMiB(), s.temperature());
        }
    }

    @Command(name = "lj", mixinStandardHelpOptions = true, description = "LJ NVE speed in atom-steps per second.")
    static final class Speed implements Callable<Integer> {
        @Option(names = "--atoms", description = "approximate atom count (fcc, 4 per cell; default ${DEFAULT-VALUE})")
        int atoms = 32000;
        @Option(names = "--threads", description = "threads (default ${DEFAULT-VALUE})")
        int threads = 1;
        @Option(names = "--steps", description = "timed steps (default ${DEFAULT-VALUE})")
        int steps = 1000;
        @Option(names = "--warmup", description = "untimed steps first, for the JIT (default ${DEFAULT-VALUE})")
        int warmup = 200;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Main.checkThreads(spec, threads);
            AtomState s = ljSystem(atoms, 1.44, 87287);
            timeNve("lj", s, lj(s.species, false), 0.3, 0.005, threads, steps, warmup);
            return 0;
        }
    }

    @Command(name = "sw", mixinStandardHelpOptions = true,
            description = "Stillinger-Weber silicon NVE speed (diamond, 1000 K, dt 1 fs) in atom-steps per second.")
    static final class SwSpeed implements Callable<Integer> {
        @Option(names = "--cells", description = "diamond cells per edge (8 atoms each; default ${DEFAULT-VALUE})")
        int cells = 10;
        @Option(names = "--threads", description = "threads (default ${DEFAULT-VALUE})")
        int threads = 1;
        @Option(names = "--steps", description = "timed steps (default ${DEFAULT-VALUE})")
        int steps = 500;
        @Option(names = "--warmup", description = "untimed steps first, for the JIT (default ${DEFAULT-VALUE})")
        int warmup = 100;
        @Option(names = "--skin", description = "neighbour skin in A (default ${DEFAULT-VALUE})")
        double skin = 1.0;
        @Option(names = "--potential", description = "Stillinger-Weber file (default ${DEFAULT-VALUE})")
        Path potential = Path.of("potentials/Si.sw");

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Main.checkThreads(spec, threads);
            Lattice lat = Lattice.withConstant(Lattice.Kind.DIAMOND, 5.431, cells, cells, cells);
            SpeciesSet species = SpeciesSet.of(new Species("Si", 28.0855));
            AtomState s = new AtomState(Units.METAL, species, lat.box(), new int[lat.count()], lat.positions());
            Velocities.maxwellBoltzmann(s, 1000.0, new Rng(12345));
            var sw = new org.a2imd.force.StillingerWeber(org.a2imd.io.SwFile.read(potential, species));
            timeNve("sw", s, sw, skin, 0.001, threads, steps, warmup);
            return 0;
        }
    }
}
