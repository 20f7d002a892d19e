package org.a2imd.bench;

import java.util.concurrent.TimeUnit;
import org.a2imd.core.AtomState;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.LennardJones;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The LJ pair loop (half list, cutoff 2.5 shifted, skin 0.3) on a 4000-atom liquid, one thread; the
 * score is nanoseconds per atom. forcesOnly is a run step without output, energyAndForces an output step
 * (energy and virial too). Both include zeroing the force buffer, as every step does.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PairLoopBenchmark {
    static final int ATOMS = 4000;

    private WorkerPool pool;
    private NeighborList list;
    private LennardJones lj;
    private final ForceOutput out = new ForceOutput();
    private AtomState state;

    @Setup(Level.Trial)
    public void setUp() {
        state = Systems.ljLiquid(10);
        if (state.n != ATOMS) {
            throw new IllegalStateException("expected " + ATOMS + " atoms, got " + state.n);
        }
        pool = new WorkerPool(1);
        lj = Systems.lj(state.species);
        list = new NeighborList(lj.cutoff(), 0.3, true, false, new CellListPairFinder(pool));
        list.build(state);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    @OperationsPerInvocation(ATOMS)
    public double forcesOnly() {
        out.wantEnergy = false;
        out.reset(list.nLocal, list.nAll, false);
        lj.compute(list, state.box(), out, pool);
        return out.force[0];
    }

    @Benchmark
    @OperationsPerInvocation(ATOMS)
    public double energyAndForces() {
        out.wantEnergy = true;
        out.reset(list.nLocal, list.nAll, false);
        lj.compute(list, state.box(), out, pool);
        return out.energy + out.force[0];
    }
}
