package org.a2imd.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.a2imd.core.AtomState;
import org.a2imd.core.Lattice;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.LennardJones;
import org.junit.jupiter.api.Test;

/** Lennard-Jones fcc at 0 K: a pair potential in a centrosymmetric crystal obeys Cauchy's C12 = C44. */
class LennardJonesElasticTest {
    @Test
    void relaxedFccObeysTheCauchyRelation() {
        SpeciesSet ar = SpeciesSet.of(new Species("Ar", 1.0));
        LennardJones lj = new LennardJones.Builder(ar).cutoff(2.5).shift(true).pair(0, 0, 1.0, 1.0).build();
        Lattice lat = Lattice.withConstant(Lattice.Kind.FCC, 1.6, 3, 3, 3);
        AtomState s = new AtomState(Units.LJ, ar, lat.box(), new int[lat.count()], lat.positions());
        try (WorkerPool pool = new WorkerPool(1)) {
            ForceEvaluator f = new ForceEvaluator(lj, 0.3, pool);
            MinimizeSettings tight = MinimizeSettings.tight();
            Minimization.Result r = Minimization.run(s, f, tight, CellMode.ISO, 0.0);
            assertEquals(0.0, r.pressure(), 1e-10);
            ElasticConstants.Result e = ElasticConstants.compute(s, f, 1e-4, true, tight);
            double[][] c = e.relaxed();
            System.out.printf("LJ fcc (rc 2.5): a = %.6f sigma, E/N = %.6f eps, C11 %.4f C12 %.4f C44 %.4f eps/sigma^3%n",
                    s.box().vectorComponent(0, 0) / 3, r.energy() / s.n, c[0][0], c[0][1], c[3][3]);
            assertEquals(c[0][1], c[3][3], 1e-5 * c[0][0], "Cauchy relation");
            assertEquals(c[0][0], c[1][1], 1e-5 * c[0][0]);
            assertEquals(c[3][3], c[5][5], 1e-5 * c[0][0]);
            // fcc: every atom is a centre of inversion, so relaxation changes nothing.
            assertEquals(e.unrelaxed()[3][3], c[3][3], 1e-5 * c[0][0]);
        }
    }
}
