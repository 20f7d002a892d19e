package org.a2imd.bench;

import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.nnp.A2IArchitecture;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.nnp.KernelLoop;

/**
 * Quick interleaved race of the optimised and the frozen reference A2I kernel (issue 14), for a shared
 * machine: the same systems as {@link A2IKernelBenchmark}, the kernels in turn, the best of each round
 * reported (thread CPU time) and the ratio of the best times. Usage: java --add-modules
 * jdk.incubator.vector -cp ... org.a2imd.bench.KernelRace [rounds] [grad true|false] [system 0|1|2]
 */
public final class KernelRace {
    private KernelRace() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean grad = args.length > 1 && Boolean.parseBoolean(args[1]);
        int only = args.length > 2 ? Integer.parseInt(args[2]) : -1; // 0, 1, 2: one system (for profiles)
        AtomState lj = Systems.ljLiquid(5);
        AtomState si = Systems.hotSilicon(4);
        NeighborList ljList;
        NeighborList siList;
        try (WorkerPool pool = new WorkerPool(1)) {
            ljList = new NeighborList(2.5, 0.3, false, true, new CellListPairFinder(pool));
            ljList.build(lj);
            siList = new NeighborList(3.7712, 1.0, false, true, new CellListPairFinder(pool));
            siList.build(si);
        }
        A2IModel def = new A2IModel(A2IArchitecture.defaults(1, 2.5), Units.LJ, List.of("Ar"), 55.0);
        def.initialise(2024);
        def.setEnergyScale(0.05);
        A2IModel[] models = {def, A2IModelFile.read(Path.of("potentials/a2i-lj.model")),
            A2IModelFile.read(Path.of("potentials/a2i-si-sw.model"))};
        String[] names = {"default model, LJ liquid", "a2i-lj, LJ liquid", "a2i-si-sw, silicon"};
        NeighborList[] lists = {ljList, ljList, siList};
        double[] f = new double[3 * Math.max(ljList.nAll, siList.nAll)];
        double[] vir = new double[9];
        System.out.printf("load average %s, weight gradients %s, products " + KernelLoop.gemm() + "%n",
                new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).trim(), grad);
        for (int s = 0; s < models.length; s++) {
            if (only >= 0 && s != only) {
                continue;
            }
            KernelLoop fast = new KernelLoop(models[s], false);
            KernelLoop ref = new KernelLoop(models[s], true);
            double[] g = grad ? new double[models[s].parameterCount()] : null;
            double bestF = Double.MAX_VALUE;
            double bestR = Double.MAX_VALUE;
            for (int r = 0; r < rounds + 2; r++) {
                double tf = time(fast, lists[s], f, vir, g);
                double tr = time(ref, lists[s], f, vir, g);
                if (r >= 2) { // two warm-up rounds
                    bestF = Math.min(bestF, tf);
                    bestR = Math.min(bestR, tr);
                }
            }
            System.out.printf("%-26s new %8.1f us/atom  reference %8.1f us/atom  speed-up %.2fx%n", names[s], bestF,
                    bestR, bestR / bestF);
        }
    }

    /**
     * Microseconds of this thread's CPU time per atom (not wall time: on a shared machine the wall clock
     * includes waiting for a core), best of passes over the list for about 0.6 s of CPU time.
     */
    private static double time(KernelLoop k, NeighborList nl, double[] f, double[] vir, double[] g) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        long end = mx.getCurrentThreadCpuTime() + 600_000_000L;
        long t1;
        do {
            long t0 = mx.getCurrentThreadCpuTime();
            k.run(nl, f, vir, g);
            t1 = mx.getCurrentThreadCpuTime();
            best = Math.min(best, (t1 - t0) * 1e-3 / nl.nLocal);
        } while (t1 < end);
        return best;
    }
}
