package org.a2imd.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.a2imd.core.AtomState;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.nnp.A2IArchitecture;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.nnp.KernelLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 14, side by side in one run: the A2I kernel of today ({@code kernel = fast}) against the frozen
 * pre-issue-14 kernel ({@code kernel = reference}, src/test ReferenceA2IKernel), microseconds per atom, one
 * thread, energy + forces + virial (and with {@code grad = true} the weight gradient of the training path):
 * the default-size random model (K 16, d 32, H 4, L 2) on the 500-atom LJ liquid of {@link A2IBenchmark}
 * (about 55 neighbours), the shipped a2i-lj on the same liquid, and the shipped a2i-si-sw on 512 atoms of
 * silicon (diamond at about 1000 K). Both kernels are called directly over the list, without the force
 * field's thread pool and reductions.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class A2IKernelBenchmark {
    @Param({"fast", "reference"})
    public String kernel;
    @Param({"false"})
    public boolean grad;

    private AtomState lj;
    private AtomState si;
    private NeighborList ljList;
    private NeighborList siList;
    private KernelLoop ljDefault;
    private KernelLoop ljShipped;
    private KernelLoop siShipped;
    private double[] f;
    private final double[] vir = new double[9];
    private double[] gDefault;
    private double[] gLj;
    private double[] gSi;

    @Setup
    public void setUp() throws IOException {
        lj = Systems.ljLiquid(5);
        si = Systems.hotSilicon(4);
        try (WorkerPool pool = new WorkerPool(1)) {
            ljList = new NeighborList(2.5, 0.3, false, true, new CellListPairFinder(pool));
            ljList.build(lj);
            siList = new NeighborList(3.7712, 1.0, false, true, new CellListPairFinder(pool));
            siList.build(si);
        }
        boolean ref = kernel.equals("reference");
        A2IModel def = new A2IModel(A2IArchitecture.defaults(1, 2.5), Units.LJ, List.of("Ar"), 55.0);
        def.initialise(2024);
        def.setEnergyScale(0.05);
        A2IModel ljm = A2IModelFile.read(Path.of("potentials/a2i-lj.model"));
        A2IModel sim = A2IModelFile.read(Path.of("potentials/a2i-si-sw.model"));
        ljDefault = new KernelLoop(def, ref);
        ljShipped = new KernelLoop(ljm, ref);
        siShipped = new KernelLoop(sim, ref);
        f = new double[3 * Math.max(ljList.nAll, siList.nAll)];
        if (grad) {
            gDefault = new double[def.parameterCount()];
            gLj = new double[ljm.parameterCount()];
            gSi = new double[sim.parameterCount()];
        }
    }

    @TearDown
    public void tearDown() {
    }

    @Benchmark
    @OperationsPerInvocation(A2IBenchmark.LJ_ATOMS)
    public double ljDefaultModel() {
        return ljDefault.run(ljList, f, vir, gDefault);
    }

    @Benchmark
    @OperationsPerInvocation(A2IBenchmark.LJ_ATOMS)
    public double ljShippedA2iLj() {
        return ljShipped.run(ljList, f, vir, gLj);
    }

    @Benchmark
    @OperationsPerInvocation(A2IBenchmark.SI_ATOMS)
    public double siliconShippedA2iSiSw() {
        return siShipped.run(siList, f, vir, gSi);
    }
}
