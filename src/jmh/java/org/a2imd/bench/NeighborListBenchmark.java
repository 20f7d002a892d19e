package org.a2imd.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.a2imd.core.AtomState;
import org.a2imd.core.WorkerPool;
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
 * A full neighbour-list build (ghosts, cell binning, pair search, lists), one thread, nanoseconds per
 * atom: the LJ liquid's half list (4000 atoms, 2.5 + 0.3) and the silicon's full list (8000 atoms, SW
 * cutoff 3.77 + 1.0 A). A build wraps positions in place, which leaves wrapped positions unchanged, so
 * every call does the same work.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NeighborListBenchmark {
    private WorkerPool pool;
    private AtomState lj;
    private AtomState si;
    private NeighborList ljList;
    private NeighborList siList;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        pool = new WorkerPool(1);
        lj = Systems.ljLiquid(10);
        si = Systems.hotSilicon(10);
        ljList = new NeighborList(2.5, 0.3, true, false, new CellListPairFinder(pool));
        var needs = Systems.sw(si.species).neighborNeeds();
        siList = new NeighborList(Systems.sw(si.species).cutoff(), 1.0, needs.half(), needs.full(),
                new CellListPairFinder(pool));
        if (lj.n != PairLoopBenchmark.ATOMS || si.n != ThreeBodyBenchmark.ATOMS) {
            throw new IllegalStateException("unexpected atom counts " + lj.n + ", " + si.n);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    @OperationsPerInvocation(PairLoopBenchmark.ATOMS)
    public long ljHalfList() {
        ljList.build(lj);
        return ljList.halfPairCount();
    }

    @Benchmark
    @OperationsPerInvocation(ThreeBodyBenchmark.ATOMS)
    public int siliconList() {
        siList.build(si);
        return siList.nAll;
    }
}
