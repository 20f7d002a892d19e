package org.a2imd.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.a2imd.core.AtomState;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.nnp.A2IArchitecture;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
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
 * One A2I evaluation (attention blocks forward and the reverse sweep for forces, with energy and virial),
 * one thread, microseconds per atom, seeded random weights of the default size (K 16, d 32, H 4, L 2):
 * on a 500-atom LJ liquid (r_c 2.5, about 55 neighbours) and on 512 atoms of silicon at about 1000 K
 * (r_c 3.7712 as inputs/training/si-train.in, K 8; the set-up prints both mean neighbour counts). The kernel always runs the
 * forward and backward passes together (A2IKernel has no energy-only path), so there is no separate
 * forward-only figure. One call takes about a quarter of a second on 500 atoms: longer warm-up so that C2
 * has compiled the kernel before measuring.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class A2IBenchmark {
    static final int LJ_ATOMS = 500;
    static final int SI_ATOMS = 512;

    private WorkerPool pool;
    private AtomState lj;
    private AtomState si;
    private NeighborList ljList;
    private NeighborList siList;
    private A2IForceField ljModel;
    private A2IForceField siModel;
    private final ForceOutput out = new ForceOutput();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        pool = new WorkerPool(1);
        lj = Systems.ljLiquid(5);
        si = Systems.hotSilicon(4);
        if (lj.n != LJ_ATOMS || si.n != SI_ATOMS) {
            throw new IllegalStateException("unexpected atom counts " + lj.n + ", " + si.n);
        }
        ljModel = new A2IForceField(model(A2IArchitecture.defaults(1, 2.5), Units.LJ, "Ar", 55.0));
        A2IArchitecture d = A2IArchitecture.defaults(1, 3.7712);
        A2IArchitecture siArch = new A2IArchitecture(1, d.cutoff(), 8, d.width(), d.heads(), d.layers(), d.ffn(),
                d.hidden1(), d.hidden2(), d.envelopeP(), d.logitBound());
        siModel = new A2IForceField(model(siArch, Units.METAL, "Si", 4.5));
        ljList = new NeighborList(2.5, 0.3, false, true, new CellListPairFinder(pool));
        ljList.build(lj);
        siList = new NeighborList(3.7712, 1.0, false, true, new CellListPairFinder(pool));
        siList.build(si);
        System.out.printf("mean neighbours inside r_c: LJ liquid %.1f, silicon %.1f%n", neighbours(ljList, 2.5),
                neighbours(siList, 3.7712));
    }

    private static double neighbours(NeighborList nl, double rc) {
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

    private static A2IModel model(A2IArchitecture arch, Units units, String species, double n0) {
        A2IModel m = new A2IModel(arch, units, List.of(species), n0);
        m.initialise(2024);
        m.setEnergyScale(0.05);
        return m;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    @OperationsPerInvocation(LJ_ATOMS)
    public double ljLiquidForces() {
        out.wantEnergy = true;
        out.reset(ljList.nLocal, ljList.nAll, false);
        ljModel.compute(ljList, lj.box(), out, pool);
        return out.energy + out.force[0];
    }

    @Benchmark
    @OperationsPerInvocation(SI_ATOMS)
    public double siliconForces() {
        out.wantEnergy = true;
        out.reset(siList.nLocal, siList.nAll, false);
        siModel.compute(siList, si.box(), out, pool);
        return out.energy + out.force[0];
    }
}
