package org.a2imd.cli;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.a2imd.core.AtomState;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.integrate.VelocityVerlet;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzWriter;
import org.a2imd.nnp.A2IArchitecture;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code a2imd bench a2i}: speed of the A2I network on an LJ liquid (fcc rho* 0.8442 melted by LJ NVE at
 * T* 1.44; about 55 neighbours inside r_c = 2.5). Reports force evaluations per second, microseconds
 * per atom and MD atom-steps per second (velocity Verlet, forces only), each with the process CPU time
 * per thread, so that contention from other work on a shared machine shows up as CPU below wall time.
 */
@Command(name = "a2i", mixinStandardHelpOptions = true,
        description = "A2I network speed: force evaluations/s and MD atom-steps/s on an LJ liquid.")
final class BenchA2I implements Callable<Integer> {
    @Option(names = "--atoms", description = "approximate atom count (fcc, 4 per cell; default ${DEFAULT-VALUE})")
    int atoms = 500;
    @Option(names = "--threads", description = "threads (default ${DEFAULT-VALUE})")
    int threads = 1;
    @Option(names = "--seconds", description = "target seconds per timed measurement (default ${DEFAULT-VALUE})")
    double seconds = 3;
    @Option(names = "--repeat", description = "repeats of each measurement (default ${DEFAULT-VALUE})")
    int repeat = 3;
    @Option(names = "--melt", description = "LJ NVE steps from the lattice before timing (default ${DEFAULT-VALUE})")
    int melt = 300;
    @Option(names = "--model", description = "model file (default: random default-size model, seeded)")
    Path modelFile;
    @Option(names = "--seed", description = "seed of the random model (default ${DEFAULT-VALUE})")
    long seed = 2024;
    @Option(names = "--write-model", description = "write the model used to this file and continue")
    Path writeModel;
    @Option(names = "--write-config", description = "write the melted configuration (extxyz) and continue")
    Path writeConfig;
    @Option(names = "--no-md", description = "skip the MD measurement")
    boolean noMd;

    /**
     * The seeded random model of the benchmark: default sizes (K 16, d 32, H 4, L 2), r_c 2.5, n0 55
     * (the neighbour count of the LJ liquid), s_E 0.05 so that a few hundred MD steps stay tame.
     */
    static A2IModel randomModel(long seed) {
        A2IModel m = new A2IModel(A2IArchitecture.defaults(1, 2.5), Units.LJ, List.of("Ar"), 55.0);
        m.initialise(seed);
        m.setEnergyScale(0.05);
        m.provenance().put("note", "UNTRAINED random weights (seed " + seed + "): a benchmark, not a potential");
        return m;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Main.checkThreads(spec, threads);
        AtomState s = BenchCommand.ljSystem(atoms, 1.44, 87287);
        try (WorkerPool pool = new WorkerPool(threads)) {
            ForceEvaluator lj = new ForceEvaluator(BenchCommand.lj(s.species, true), 0.3, pool);
            VelocityVerlet vv = new VelocityVerlet(0.005);
            vv.init(s, lj);
            for (int k = 0; k < melt; k++) {
                vv.step(s, lj);
            }
            A2IModel model = modelFile != null ? A2IModelFile.read(modelFile) : randomModel(seed);
            if (writeModel != null) {
                A2IModelFile.write(model, writeModel);
            }
            if (writeConfig != null) {
                writeConfig(s, writeConfig);
            }
            A2IForceField ff = new A2IForceField(model,
                    A2IModelFile.checkCompatible(model, modelFile == null ? "random" : modelFile.toString(),
                            s.units, s.species));
            ForceEvaluator f = new ForceEvaluator(ff, 0.3, pool);
            f.evaluate(s, false);
            System.out.printf(Locale.ROOT, "a2i %s%n", model.describe());
            System.out.printf(Locale.ROOT, "a2i atoms %d threads %d mean-neighbours-in-cutoff %.1f%n", s.n, threads,
                    neighboursInCutoff(f, model.cutoff()));
            // Evaluations on fixed positions: energy, forces and virial, as eval and thermo steps need.
            int evals = calibrate(() -> f.evaluate(s, false));
            for (int r = 0; r < repeat; r++) {
                double[] tc = time(() -> {
                    for (int k = 0; k < evals; k++) {
                        f.evaluate(s, false);
                    }
                });
                System.out.printf(Locale.ROOT,
                        "a2i-eval atoms %d threads %d evals %d wall-s %.3f cpu-s/thread %.3f evals/s %.4g "
                                + "us/atom %.2f cpu-us/atom/thread %.2f%n",
                        s.n, threads, evals, tc[0], tc[1] / threads, evals / tc[0], tc[0] / evals / s.n * 1e6,
                        tc[1] / threads / evals / s.n * 1e6);
            }
            if (!noMd) {
                VelocityVerlet md = new VelocityVerlet(0.002);
                md.init(s, f);
                f.requestEnergy(false);
                int steps = calibrate(() -> md.step(s, f));
                for (int r = 0; r < repeat; r++) {
                    long builds0 = f.neighborList().builds();
                    double[] tc = time(() -> {
                        for (int k = 0; k < steps; k++) {
                            md.step(s, f);
                        }
                    });
                    System.out.printf(Locale.ROOT,
                            "a2i-md atoms %d threads %d steps %d wall-s %.3f cpu-s/thread %.3f atom-steps/s %.4g "
                                    + "builds %d T %.4f%n",
                            s.n, threads, steps, tc[0], tc[1] / threads, (double) s.n * steps / tc[0],
                            f.neighborList().builds() - builds0, s.temperature());
                }
            }
        }
        return 0;
    }

    /** Mean number of neighbours inside the cutoff (the list holds the skin too). */
    private static double neighboursInCutoff(ForceEvaluator f, double rc) {
        var nl = f.neighborList();
        long count = 0;
        for (int i = 0; i < nl.nLocal; i++) {
            for (int p = nl.fullStart[i]; p < nl.fullEnd[i]; p++) {
                int j = nl.full[p];
                double dx = nl.x[3 * j] - nl.x[3 * i];
                double dy = nl.x[3 * j + 1] - nl.x[3 * i + 1];
                double dz = nl.x[3 * j + 2] - nl.x[3 * i + 2];
                if (dx * dx + dy * dy + dz * dz < rc * rc) {
                    count++;
                }
            }
        }
        return (double) count / nl.nLocal;
    }

    /** Warms up (at least 2 s of calls) and returns the call count that takes about {@code seconds}. */
    private int calibrate(Runnable call) {
        long t0 = System.nanoTime();
        int n = 0;
        while (n < 3 || System.nanoTime() - t0 < 2e9) {
            call.run();
            n++;
        }
        long t1 = System.nanoTime();
        int k = 0;
        while (k < 2 || System.nanoTime() - t1 < 0.5e9) {
            call.run();
            k++;
        }
        double per = (System.nanoTime() - t1) * 1e-9 / k;
        return Math.max(1, (int) Math.round(seconds / per));
    }

    /** Wall and process CPU seconds of a run. */
    private static double[] time(Runnable r) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        r.run();
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        return new double[] {(t1 - t0) * 1e-9, (c1 - c0) * 1e-9};
    }

    private static void writeConfig(AtomState s, Path file) throws IOException {
        String[] names = new String[s.n];
        for (int i = 0; i < s.n; i++) {
            names[i] = s.species.name(s.type[i]);
        }
        ExtXyzFrame frame = new ExtXyzFrame(s.box(), names, s.pos.clone());
        try (Writer w = Files.newBufferedWriter(file)) {
            new ExtXyzWriter(w).write(frame);
        }
    }
}
