package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.nnp.A2IArchitecture;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.nnp.ModelDeviation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committee's error report is the report of its mean, and the deviation columns are ModelDeviation's;
 * the summary statistics match a small example computed by hand.
 */
class DeviationReportTest {
    @TempDir
    static Path dir;
    static Dataset data;

    @BeforeAll
    static void data() throws Exception {
        Path f = dir.resolve("lj.extxyz");
        TrainTestData.writeLj(f, 6, 17, 0.08, "Ar", true);
        try (WorkerPool pool = new WorkerPool(1)) {
            data = new Dataset(DataReader.convert(DataReader.read(f), List.of("Ar"), TrainTestData.CUTOFF, Units.LJ,
                    false, false, false, pool));
        }
    }

    static A2IModel model(long seed) {
        A2IModel m = new A2IModel(new A2IArchitecture(1, TrainTestData.CUTOFF, 6, 8, 2, 1, 8, 8, 8, 6, 8.0), Units.LJ,
                List.of("Ar"), 50.0);
        m.initialise(seed);
        m.setEnergyScale(20.0);
        return m;
    }

    @Test
    void committeeErrorsAreThoseOfTheMeanAndDeviationIsModelDeviations() {
        List<A2IForceField> members = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            members.add(new A2IForceField(model(seed)));
        }
        CommitteeForceField committee = new CommitteeForceField(members);
        try (WorkerPool pool = new WorkerPool(1)) {
            DeviationReport dev = new DeviationReport(committee);
            ErrorReport r = ErrorReport.of(committee, Units.LJ, data, pool, dev);
            assertEquals(data.size(), dev.frames());

            // Direct: each member alone, then the mean of their energies and folded forces.
            double fSq = 0;
            double eSq = 0;
            long comps = 0;
            List<Double> atomDev = new ArrayList<>();
            List<Double> atomErr = new ArrayList<>();
            for (int k = 0; k < data.size(); k++) {
                TrainingFrame f = data.get(k);
                int n = f.atoms;
                double[] mean = new double[3 * n];
                double e = 0;
                for (A2IForceField m : members) {
                    ForceOutput o = new ForceOutput();
                    o.reset(n, f.list.nAll, false);
                    e += m.evaluate(f.list, o, null, 0, pool) / members.size();
                    double[] local = new double[3 * n];
                    f.list.foldGhostForces(o.force, local);
                    for (int c = 0; c < 3 * n; c++) {
                        mean[c] += local[c] / members.size();
                    }
                }
                eSq += Math.pow((e - f.energy) / n, 2);
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int c = 0; c < 3; c++) {
                        double d = mean[3 * i + c] - f.forces[3 * i + c];
                        fSq += d * d;
                        s += d * d;
                        comps++;
                    }
                    worst = Math.max(worst, Math.sqrt(s));
                    atomErr.add(Math.sqrt(s));
                }
                assertEquals(worst, dev.maxForceError()[k], 1e-12 * worst, "max force error of frame " + k);
                assertEquals((e - f.energy) / n, dev.energyErrorPerAtom()[k], 1e-12 * Math.abs(e / n));

                ModelDeviation d = ModelDeviation.of(committee, f.list, pool);
                assertEquals(d.maxForce(), dev.maxDeviation()[k], 0.0);
                assertEquals(d.energy(), dev.energyDeviation()[k], 0.0);
                for (double s : d.perAtom()) {
                    atomDev.add(s);
                }
                assertTrue(d.maxForce() > 1e-3, "members of different seeds disagree");
            }
            double fRmse = Math.sqrt(fSq / comps);
            double eRmse = Math.sqrt(eSq / data.size());
            assertEquals(fRmse, r.forces().rmse(), 1e-12 * fRmse);
            assertEquals(eRmse, r.energy().rmse(), 1e-12 * eRmse);
            assertEquals(data.size(), r.pressure().count(), "the committee's virial is reported too");
            double[] ad = dev.atomDeviation();
            double[] ae = dev.atomForceError();
            assertEquals(atomDev.size(), ad.length);
            for (int i = 0; i < ad.length; i++) {
                assertEquals(atomDev.get(i), ad[i], 0.0);
                assertEquals(atomErr.get(i), ae[i], 1e-12 * atomErr.get(i));
            }

            DeviationReport.Summary s = dev.summary(null, null);
            assertEquals(DeviationReport.median(dev.maxForceError()), s.errorThreshold(), 0.0);
            assertEquals(s.errorThreshold(), s.deviationThreshold(), 0.0);
            assertEquals(data.size(), s.above() + s.atOrBelow());
            assertEquals(3, s.above(), "6 frames: half lie above their median");
            assertEquals(data.size() * 32L, s.atoms());
            String csv = dev.csv();
            assertEquals(data.size() + 1, csv.split("\n").length);
            assertTrue(csv.startsWith("frame,atoms,max_devi_f,max_force_error,devi_e,energy_error_per_atom\n1,32,"), csv);
        }
    }

    @Test
    void identicalMembersDeviateByZeroFlagNothingAndErrLikeOneModel() {
        A2IModel m = model(5);
        CommitteeForceField committee = new CommitteeForceField(
                List.of(new A2IForceField(m), new A2IForceField(m), new A2IForceField(m)));
        try (WorkerPool pool = new WorkerPool(1)) {
            DeviationReport dev = new DeviationReport(committee);
            ErrorReport r = ErrorReport.of(committee, Units.LJ, data, pool, dev);
            ErrorReport single = ErrorReport.of(new A2IForceField(m), data, pool);
            assertEquals(single.forces().rmse(), r.forces().rmse(), 1e-12 * single.forces().rmse());
            assertEquals(single.energy().rmse(), r.energy().rmse(), 1e-12 * single.energy().rmse());
            assertArrayEquals(new double[data.size()], dev.maxDeviation(), 0.0);
            assertArrayEquals(new double[data.size()], dev.energyDeviation(), 0.0);
            DeviationReport.Summary s = dev.summary(null, null);
            assertTrue(s.errorThreshold() > 0);
            assertEquals(0, s.flaggedAbove());
            assertEquals(0, s.flaggedAtOrBelow());
            assertEquals(0.0, s.flaggedFraction(), 0.0);
            assertEquals(0.0, s.falseAlarmFraction(), 0.0);
            assertTrue(Double.isNaN(s.spearman()), "a constant deviation ranks nothing");
            assertTrue(dev.text(s, "eps/sigma", "eps").contains("Spearman n/a"));
        }
    }

    @Test
    void summaryMatchesAHandComputedExample() {
        double[] dev = {0.1, 0.4, 0.2, 0.8, 0.3};
        double[] err = {0.2, 0.5, 0.1, 0.9, 0.6};
        // Ranks: dev 1 4 2 5 3, err 2 3 1 5 4; sum d^2 = 4; rho = 1 - 6 * 4 / (5 * 24) = 0.8.
        DeviationReport.Summary s = DeviationReport.Summary.of(dev, err, null, null);
        assertEquals(0.8, s.spearman(), 1e-12);
        assertEquals(0.312 / Math.sqrt(0.292 * 0.412), s.pearson(), 1e-12);
        // Median error 0.5 (= deviation threshold): above it frames 4 (dev 0.8, flagged) and 5 (dev 0.3, not);
        // at or below it frames 1-3, deviations 0.1 0.4 0.2 < 0.5: no false alarm.
        assertEquals(0.5, s.errorThreshold(), 0.0);
        assertEquals(0.5, s.deviationThreshold(), 0.0);
        assertEquals(2, s.above());
        assertEquals(1, s.flaggedAbove());
        assertEquals(0.5, s.flaggedFraction(), 0.0);
        assertEquals(3, s.atOrBelow());
        assertEquals(0.0, s.falseAlarmFraction(), 0.0);
        // Given thresholds: error 0.15 -> frames 1 2 4 5 above, flagged at dev >= 0.25: 2 4 5; frame 3 (dev 0.2) not.
        DeviationReport.Summary t = DeviationReport.Summary.of(dev, err, 0.15, 0.25);
        assertEquals(4, t.above());
        assertEquals(0.75, t.flaggedFraction(), 0.0);
        assertEquals(1, t.atOrBelow());
        assertEquals(0.0, t.falseAlarmFraction(), 0.0);
        // Dev threshold 0.15 flags frame 3 too: a false alarm (1 of 1).
        assertEquals(1.0, DeviationReport.Summary.of(dev, err, 0.15, 0.15).falseAlarmFraction(), 0.0);
        // Ties take average ranks: dev 1 2 2 3 ranks 1 2.5 2.5 4 against 1 2 3 4 -> rho = 0.9486832980505138.
        assertEquals(4.5 / Math.sqrt(4.5 * 5), DeviationReport.spearmanOf(new double[] {1, 2, 2, 3},
                new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(2.5, DeviationReport.median(new double[] {1, 3, 2, 4}), 0.0);
    }
}
