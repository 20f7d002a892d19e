package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.Rng;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The constants folded into a model before training. */
class ModelPreparationTest {
    @TempDir
    Path dir;

    private static TrainingFrame frame(int[] type, double energy) {
        return new TrainingFrame("synthetic", 1, type, energy, null, null, null, true);
    }

    @Test
    void referenceEnergiesByLeastSquares() {
        double[] truth = {-1.5, -2.25, 0.75};
        Rng rng = new Rng(4);
        List<TrainingFrame> exact = new ArrayList<>();
        List<TrainingFrame> noisy = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
            int n = 10 + rng.nextInt(30);
            int[] type = new int[n];
            double e = 0;
            for (int i = 0; i < n; i++) {
                type[i] = rng.nextInt(3);
                e += truth[type[i]];
            }
            exact.add(frame(type, e));
            noisy.add(frame(type, e + 0.01 * rng.nextGaussian()));
        }
        exact.add(frame(new int[] {0}, Double.NaN)); // frames without energy are left out
        double[] e0 = ModelPreparation.referenceEnergies(new Dataset(exact), 3);
        for (int s = 0; s < 3; s++) {
            assertEquals(truth[s], e0[s], 1e-12);
        }
        double[] e1 = ModelPreparation.referenceEnergies(new Dataset(noisy), 3);
        for (int s = 0; s < 3; s++) {
            assertEquals(truth[s], e1[s], 3e-3);
        }
    }

    @Test
    void fixedCompositionGivesTheMinimumNormFitThatStillMatchesTheEnergies() {
        // Always 2 A per B: only 2 e0_A + e0_B = -5 is determined; minimum norm gives (-2, -1).
        List<TrainingFrame> frames = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            int[] type = new int[3 * k];
            for (int i = 0; i < 3 * k; i++) {
                type[i] = i % 3 == 2 ? 1 : 0;
            }
            frames.add(frame(type, -5.0 * k));
        }
        double[] e0 = ModelPreparation.referenceEnergies(new Dataset(frames), 2);
        assertEquals(-2.0, e0[0], 1e-12);
        assertEquals(-1.0, e0[1], 1e-12);
    }

    @Test
    void radialScalesForceRmsAndEnergyOffsetAreCalibrated() throws Exception {
        Path file = dir.resolve("lj.extxyz");
        TrainTestData.writeLj(file, 6, 8, 0.05, "Ar");
        try (WorkerPool pool = new WorkerPool(2)) {
            Dataset data = new Dataset(DataReader.convert(DataReader.read(file), List.of("Ar"), TrainTestData.CUTOFF,
                    Units.LJ, true, true, false, pool));
            A2IModel model = new A2IModel(TrainTestData.tinyModel(2).architecture(1), Units.LJ, List.of("Ar"), 1.0);
            ModelPreparation.prepare(model, data, 2, pool);
            assertEquals(data.meanNeighbours(), model.n0(), 0.0);
            // Each scaled Bessel function has unit RMS over the training pairs.
            int nk = model.architecture().radial();
            double[] sum = new double[nk];
            long pairs = 0;
            double rc = model.cutoff();
            for (TrainingFrame f : data.frames()) {
                NeighborList nl = f.list;
                for (int i = 0; i < nl.nLocal; i++) {
                    for (int p = nl.fullStart[i]; p < nl.fullEnd[i]; p++) {
                        int j = nl.full[p];
                        double r = Math.sqrt(Math.pow(nl.x[3 * j] - nl.x[3 * i], 2)
                                + Math.pow(nl.x[3 * j + 1] - nl.x[3 * i + 1], 2)
                                + Math.pow(nl.x[3 * j + 2] - nl.x[3 * i + 2], 2));
                        if (r < rc) {
                            pairs++;
                            for (int k = 0; k < nk; k++) {
                                double b = model.rbfScale()[k] * Math.sin((k + 1) * Math.PI * r / rc) / r;
                                sum[k] += b * b;
                            }
                        }
                    }
                }
            }
            for (int k = 0; k < nk; k++) {
                assertEquals(1.0, Math.sqrt(sum[k] / pairs), 1e-12, "radial function " + (k + 1));
            }
            // Initial forces have the data's RMS; the mean energy residual per atom is that of the data.
            A2IForceField field = new A2IForceField(model);
            ForceOutput out = new ForceOutput();
            double pred = 0;
            double ref = 0;
            double offPred = 0;
            double offRef = 0;
            for (TrainingFrame f : data.frames()) {
                out.reset(f.atoms, f.list.nAll, false);
                double e = field.evaluate(f.list, out, null, 0, pool);
                double[] local = new double[3 * f.atoms];
                f.list.foldGhostForces(out.force, local);
                for (int c = 0; c < local.length; c++) {
                    pred += local[c] * local[c];
                    ref += f.forces[c] * f.forces[c];
                }
                offPred += e / f.atoms;
                offRef += f.energy / f.atoms;
            }
            assertEquals(1.0, Math.sqrt(pred / ref), 1e-12);
            assertEquals(offRef / data.size(), offPred / data.size(), 1e-10 * Math.abs(offRef / data.size()));
        }
    }
}
