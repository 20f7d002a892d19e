package org.a2imd.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.a2imd.core.AtomState;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.StillingerWeber;
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
 * The Stillinger-Weber two- and three-body loop on 8000 atoms of diamond silicon at about 1000 K (skin
 * 1.0 A), one thread; the score is nanoseconds per atom, forces only and with energy and virial.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThreeBodyBenchmark {
    static final int ATOMS = 8000;

    private WorkerPool pool;
    private NeighborList list;
    private StillingerWeber sw;
    private final ForceOutput out = new ForceOutput();
    private AtomState state;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        state = Systems.hotSilicon(10);
        if (state.n != ATOMS) {
            throw new IllegalStateException("expected " + ATOMS + " atoms, got " + state.n);
        }
        pool = new WorkerPool(1);
        sw = Systems.sw(state.species);
        var needs = sw.neighborNeeds();
        list = new NeighborList(sw.cutoff(), 1.0, needs.half(), needs.full(), new CellListPairFinder(pool));
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
        sw.compute(list, state.box(), out, pool);
        return out.force[0];
    }

    @Benchmark
    @OperationsPerInvocation(ATOMS)
    public double energyAndForces() {
        out.wantEnergy = true;
        out.reset(list.nLocal, list.nAll, false);
        sw.compute(list, state.box(), out, pool);
        return out.energy + out.force[0];
    }
}
