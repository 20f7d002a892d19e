package org.a2imd.train;

import org.a2imd.core.InputException;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.ewald.AtomFeatures;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.LongRangeFeatures;
import org.a2imd.nnp.PairPrior;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The constants DESIGN.md folds into a model before training, all from the training data: n0 (mean
 * neighbour count), radial-basis scales (unit RMS of each Bessel function over all neighbour pairs),
 * per-species reference energies e0 (least squares), then seeded weights, the output scale s_E (initial
 * force RMS equal to the data's) and a readout bias that centres the initial energy residual. With
 * the long-range channel, also the mean and spread of each long-range feature over the training
 * atoms, so the readout sees unit-scale inputs.
 *
 * <p>With a short-range prior (already set on the model) e0, s_E and the readout bias are fitted to the
 * residual, reference minus prior, with the network alone: the network only has to learn that residual, and
 * a prior that is large on some frame must not inflate the output scale or shift the reference energies.
 */
public final class ModelPreparation {
    /** At most this many training frames calibrate s_E and the readout bias. */
    static final int CALIBRATION_FRAMES = 64;

    private ModelPreparation() {
    }

    /** Sets every constant and initialises the weights with {@code seed}. Returns a one-line summary. */
    public static String prepare(A2IModel model, Dataset train, long seed, WorkerPool pool) {
        return prepare(model, train, seed, LongRangeFeatures.LODE, pool);
    }

    /** As above; a long-range channel takes its features from {@code features}. */
    public static String prepare(A2IModel model, Dataset train, long seed, LongRangeFeatures.Factory features,
            WorkerPool pool) {
        double n0 = train.meanNeighbours();
        if (!(n0 > 0)) {
            throw new IllegalArgumentException("no atom of the training data has a neighbour within the cutoff "
                    + model.cutoff() + "; the cutoff is too short for this data");
        }
        model.setN0(n0);
        radialScales(model, train);
        PairPrior prior = model.prior();
        PriorPart part = prior == null ? null : new PriorPart(prior, train);
        model.setPrior(null); // the network alone is calibrated against the residual
        try {
            double[] e0 = referenceEnergies(train, model.architecture().species(), part);
            System.arraycopy(e0, 0, model.e0(), 0, e0.length);
            if (model.architecture().lode() != null) {
                longRangeNormalisation(model, train, features, pool);
            }
            model.initialise(seed);
            calibrate(model, train, features, pool, part);
        } finally {
            model.setPrior(prior);
        }
        return String.format(java.util.Locale.ROOT, "n0 %.4g, s_E %.4g, e0 %s", n0, model.energyScale(),
                java.util.Arrays.toString(model.e0()))
                + (model.architecture().lode() == null ? "" : ", long-range feature mean "
                        + java.util.Arrays.toString(model.lodeMean()) + " spread "
                        + java.util.Arrays.toString(model.lodeScale()));
    }

    /**
     * mu_c and sigma_c of each long-range feature over all atoms of the training frames (features
     * depend on positions only, so one pass). A feature that does not vary over the data (e.g. of a
     * species that is absent) keeps sigma 1: it then enters as the constant 0 on the training data.
     *
     * @throws InputException for a cluster frame: its cell is a vacuum box whose images the features
     *     would see
     */
    static void longRangeNormalisation(A2IModel model, Dataset train, LongRangeFeatures.Factory factory,
            WorkerPool pool) {
        int nf = model.architecture().longRangeFeatures();
        AtomFeatures features = factory.create(model.architecture().lode(), model.architecture().species());
        double[] shift = null;
        double[] sum = new double[nf];
        double[] sumSq = new double[nf];
        long atoms = 0;
        double[] lam = new double[0];
        for (TrainingFrame f : train.frames()) {
            requirePeriodic(f);
            if (lam.length < f.atoms * nf) {
                lam = new double[f.atoms * nf];
            }
            features.compute(f.list.x, f.type, f.atoms, f.list.box(), lam, pool);
            if (shift == null) {
                shift = java.util.Arrays.copyOf(lam, nf); // shifted sums: no cancellation for large means
            }
            for (int i = 0; i < f.atoms; i++) {
                for (int c = 0; c < nf; c++) {
                    double v = lam[i * nf + c] - shift[c];
                    sum[c] += v;
                    sumSq[c] += v * v;
                }
            }
            atoms += f.atoms;
        }
        for (int c = 0; c < nf; c++) {
            double mean = sum[c] / atoms;
            double var = Math.max(0, sumSq[c] / atoms - mean * mean);
            double sd = Math.sqrt(var);
            double mu = shift[c] + mean;
            model.lodeMean()[c] = mu;
            model.lodeScale()[c] = sd > 0 && sd > 1e-12 * Math.abs(mu) ? sd : 1.0;
        }
    }

    /** A long-range channel needs periodic frames; a cluster is an input error naming the frame. */
    static void requirePeriodic(TrainingFrame f) {
        if (!f.periodic) {
            throw new InputException(f.file, f.line, "the frame is a cluster (no periodic Lattice), but the model has "
                    + "a long-range (LODE) channel, whose features are sums over periodic images; give the frame a "
                    + "periodic cell large enough to isolate it, or train without lode_exponents/lode_radii");
        }
    }

    /** rbfScale[k] = 1 / RMS over all training pairs (r < r_c) of sin((k+1) pi r / r_c) / r. */
    static void radialScales(A2IModel model, Dataset train) {
        int nk = model.architecture().radial();
        double rc = model.cutoff();
        double[] sum = new double[nk];
        long pairs = 0;
        for (TrainingFrame f : train.frames()) {
            NeighborList nl = f.list;
            for (int i = 0; i < nl.nLocal; i++) {
                for (int p = nl.fullStart[i]; p < nl.fullEnd[i]; p++) {
                    int j = nl.full[p];
                    double dx = nl.x[3 * j] - nl.x[3 * i];
                    double dy = nl.x[3 * j + 1] - nl.x[3 * i + 1];
                    double dz = nl.x[3 * j + 2] - nl.x[3 * i + 2];
                    double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (r >= rc) {
                        continue;
                    }
                    pairs++;
                    for (int k = 0; k < nk; k++) {
                        double b = Math.sin((k + 1) * Math.PI * r / rc) / r;
                        sum[k] += b * b;
                    }
                }
            }
        }
        for (int k = 0; k < nk; k++) {
            double rms = pairs == 0 ? 0 : Math.sqrt(sum[k] / pairs);
            if (rms > 0) {
                model.rbfScale()[k] = 1.0 / rms;
            }
        }
    }

    /** The prior's energy, per-atom energies and (folded) forces on each training frame, in frame order. */
    static final class PriorPart {
        final double[] energy;
        final double[][] atomEnergy;
        final double[][] force;

        PriorPart(PairPrior prior, Dataset train) {
            int n = train.size();
            energy = new double[n];
            atomEnergy = new double[n][];
            force = new double[n][];
            double[] vir = new double[9];
            for (int k = 0; k < n; k++) {
                TrainingFrame f = train.get(k);
                double[] all = new double[3 * f.list.nAll];
                atomEnergy[k] = new double[f.atoms];
                energy[k] = prior.evaluate(f.list, null, all, vir, atomEnergy[k]);
                force[k] = new double[3 * f.atoms];
                f.list.foldGhostForces(all, force[k]);
            }
        }
    }

    /** As {@link #referenceEnergies(Dataset, int, PriorPart)} without a prior. */
    public static double[] referenceEnergies(Dataset train, int species) {
        return referenceEnergies(train, species, null);
    }

    /**
     * Least-squares e0 with E_f ~ sum_s count_{f,s} e0_s over the frames with energies (minimum-norm
     * solution when compositions do not separate the species, e.g. a fixed ratio). Without any
     * energies, the mean per-atom energy of each species where those are given, else zero. With a prior
     * part, of the reference minus the prior.
     */
    static double[] referenceEnergies(Dataset train, int species, PriorPart prior) {
        int rows = 0;
        for (TrainingFrame f : train.frames()) {
            rows += f.hasEnergy() ? 1 : 0;
        }
        double[] e0 = new double[species];
        if (rows > 0) {
            double[][] a = new double[rows][species];
            double[] b = new double[rows];
            int r = 0;
            for (int k = 0; k < train.size(); k++) {
                TrainingFrame f = train.get(k);
                if (!f.hasEnergy()) {
                    continue;
                }
                for (int t : f.type) {
                    a[r][t] += 1;
                }
                b[r] = f.energy - (prior == null ? 0 : prior.energy[k]);
                r++;
            }
            RealVector x = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                    .solve(new ArrayRealVector(b, false));
            for (int s = 0; s < species; s++) {
                e0[s] = x.getEntry(s);
            }
            return e0;
        }
        double[] sum = new double[species];
        long[] count = new long[species];
        for (int k = 0; k < train.size(); k++) {
            TrainingFrame f = train.get(k);
            if (f.atomEnergies != null) {
                for (int i = 0; i < f.atoms; i++) {
                    sum[f.type[i]] += f.atomEnergies[i] - (prior == null ? 0 : prior.atomEnergy[k][i]);
                    count[f.type[i]]++;
                }
            }
        }
        for (int s = 0; s < species; s++) {
            e0[s] = count[s] == 0 ? 0 : sum[s] / count[s];
        }
        return e0;
    }

    /**
     * s_E so that the initial force RMS equals the data's (or, without forces, the spread of the
     * energy residual per atom), then the readout bias that makes the mean initial residual zero.
     */
    static void calibrate(A2IModel model, Dataset train, LongRangeFeatures.Factory features, WorkerPool pool,
            PriorPart prior) {
        model.setEnergyScale(1.0);
        A2IForceField field = new A2IForceField(model, null, features);
        ForceOutput out = new ForceOutput();
        int frames = Math.min(CALIBRATION_FRAMES, train.size());
        double predF = 0;
        double refF = 0;
        long comps = 0;
        double[] predE = new double[frames];
        double[] refE = new double[frames];
        boolean[] hasE = new boolean[frames];
        double[] local = new double[0];
        for (int k = 0; k < frames; k++) {
            TrainingFrame f = train.get(k);
            out.reset(f.atoms, f.list.nAll, false);
            double e = field.evaluate(f.list, out, null, 0, pool);
            double base = 0;
            for (int t : f.type) {
                base += model.e0()[t];
            }
            predE[k] = (e - base) / f.atoms;
            if (f.hasEnergy()) {
                hasE[k] = true;
                refE[k] = (f.energy - (prior == null ? 0 : prior.energy[k]) - base) / f.atoms;
            }
            if (f.forces != null) {
                if (local.length < 3 * f.atoms) {
                    local = new double[3 * f.atoms];
                }
                f.list.foldGhostForces(out.force, local);
                for (int c = 0; c < 3 * f.atoms; c++) {
                    double ref = f.forces[c] - (prior == null ? 0 : prior.force[k][c]);
                    predF += local[c] * local[c];
                    refF += ref * ref;
                }
                comps += 3L * f.atoms;
            }
        }
        double s = 1.0;
        if (comps > 0 && predF > 0 && refF > 0) {
            s = Math.sqrt(refF / predF);
        } else {
            double sp = spread(predE, hasE);
            double sr = spread(refE, hasE);
            if (sp > 0 && sr > 0) {
                s = sr / sp;
            }
        }
        model.setEnergyScale(s);
        // E_i - e0 = s * out_i: shift the last bias so the mean residual per atom matches the data's
        // (zero when e0 is exact in the mean), instead of starting from an arbitrary offset.
        double meanPred = 0;
        double meanRef = 0;
        int m = 0;
        for (int k = 0; k < frames; k++) {
            if (hasE[k]) {
                meanPred += predE[k];
                meanRef += refE[k];
                m++;
            }
        }
        if (m > 0) {
            int b3 = model.segment("readout.b3").offset();
            model.weights()[b3] += (meanRef / m) / s - meanPred / m;
        }
    }

    private static double spread(double[] v, boolean[] use) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < v.length; k++) {
            if (use[k]) {
                sum += v[k];
                n++;
            }
        }
        if (n < 2) {
            return 0;
        }
        double mean = sum / n;
        double ss = 0;
        for (int k = 0; k < v.length; k++) {
            if (use[k]) {
                ss += (v[k] - mean) * (v[k] - mean);
            }
        }
        return Math.sqrt(ss / n);
    }
}
