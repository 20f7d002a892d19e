package org.a2imd.nnp;

import java.util.Arrays;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceField;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.NeighborNeeds;
import org.a2imd.force.ewald.AtomFeatures;
import org.a2imd.neighbor.NeighborList;

/**
 * The A2I network as a force field: E = sum over local atoms of E_i, each from the atom's neighbours
 * (all periodic images, through the ghosts of the full neighbour list). Also gives the weight
 * gradients that training needs: dE/dtheta, and the gradient of a force error along a direction by
 * central differences of dE/dtheta (a Hessian-vector product).
 *
 * <p>Threads take static slices of centre atoms. Each thread adds forces into its own 3 * nAll buffer
 * and weight gradients into its own buffer; these are summed in thread order, and the energy in atom
 * order, so results are reproducible for a given thread count (and agree across thread counts to
 * round-off). Buffers are sized at first use and grown only when exceeded. One instance serves one
 * caller at a time (the buffers are its own); give concurrent simulations their own instances.
 *
 * <p>Long-range channel (when the model has one): before the atom loop the features lambda of the
 * local atoms are computed for the whole periodic cell and normalised, (lambda - mu) / sigma; each
 * atom's readout takes them as extra inputs and its backward pass leaves dE_i/d(input); after the
 * loop these, divided by sigma, are handed to {@link AtomFeatures#addForces}, which adds the
 * long-range forces to the local atoms and its part of the virial. Per-atom energies stay the
 * readout outputs e_i. A model without the channel runs exactly the local code path.
 *
 * <p>Short-range prior (when the model has one, {@link A2IModel#prior}): each centre adds half of each of
 * its pair terms from its own full-list row (energy, forces, virial, per-atom energy), so training, MD and
 * evaluation all see network + prior. It does not depend on the weights, so weight gradients are the
 * network's alone.
 */
public final class A2IForceField implements ForceField {
    /** Default largest atom displacement of the force-loss central difference, as a fraction of r_c. */
    public static final double DEFAULT_FORCE_STEP = 3e-6;

    private final A2IModel model;
    private final int[] typeMap;
    /** Long-range feature calculator, or null without the channel. */
    private final AtomFeatures features;
    private final int nlr;
    private double[] lam = new double[0];
    private double[] dLam = new double[0];
    private int[] modelType = new int[0];
    /** Set while addForceLossGradient evaluates: only weight gradients are used, so skip the adjoint pass. */
    private boolean skipLongRangeForces;

    private A2IKernel[] kernels = new A2IKernel[0];
    private double[][] threadForce = new double[0][];
    private double[][] threadVirial = new double[0][];
    private double[][] threadGrad = new double[0][];
    private double[][] threadAtomGrad = new double[0][];
    private double[] atomEnergy = new double[0];
    private double[] savedX = new double[0];
    private double[] gradPlus = new double[0];
    private double[] gradMinus = new double[0];
    private final ForceOutput scratchOut = new ForceOutput();

    // State of the current parallel region (set before pool.run; the tasks are created once).
    private NeighborList curList;
    private double[] curOutForce;
    private double[] curGrad;
    private double curGradScale;
    private boolean curWantGrad;
    private double[] curAtomWeight;
    private int curThreads;
    private final WorkerPool.Task atomTask = this::atomSlice;
    private final WorkerPool.Task forceReduceTask = this::forceReduceSlice;
    private final WorkerPool.Task gradReduceTask = this::gradReduceSlice;

    /** A force field whose run type t is model species t. */
    public A2IForceField(A2IModel model) {
        this(model, null);
    }

    /**
     * @param typeMap model species index of each run type (from {@link A2IModelFile#checkCompatible}),
     *     or null when run types are model species in the same order
     */
    public A2IForceField(A2IModel model, int[] typeMap) {
        this(model, typeMap, LongRangeFeatures.LODE);
    }

    /**
     * As above with the long-range features (if the model has the channel) from {@code factory}.
     *
     * @throws IllegalArgumentException when the calculator does not give the model's feature count
     */
    public A2IForceField(A2IModel model, int[] typeMap, LongRangeFeatures.Factory factory) {
        this.model = model;
        A2IArchitecture arch = model.architecture();
        nlr = arch.longRangeFeatures();
        if (arch.lode() != null) {
            features = factory.create(arch.lode(), arch.species());
            if (features.featuresPerAtom() != nlr || features.species() != arch.species()) {
                throw new IllegalArgumentException("long-range features give " + features.featuresPerAtom()
                        + " features for " + features.species() + " species, the model needs " + nlr + " for "
                        + arch.species());
            }
        } else {
            features = null;
        }
        if (typeMap == null) {
            typeMap = new int[model.architecture().species()];
            for (int t = 0; t < typeMap.length; t++) {
                typeMap[t] = t;
            }
        }
        for (int t : typeMap) {
            if (t < 0 || t >= model.architecture().species()) {
                throw new IllegalArgumentException("type map names model species " + t + ", model has "
                        + model.architecture().species());
            }
        }
        this.typeMap = typeMap.clone();
    }

    public A2IModel model() {
        return model;
    }

    @Override
    public double cutoff() {
        return model.cutoff();
    }

    @Override
    public NeighborNeeds neighborNeeds() {
        return NeighborNeeds.FULL;
    }

    @Override
    public void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool) {
        evaluate(nl, box != null ? box : nl.box(), out, null, 0, null, pool);
    }

    @Override
    public String describe() {
        return model.describe();
    }

    /**
     * Adds energy, forces (ghosts included), virial and, when requested in {@code out}, per-atom
     * energies to {@code out}; when {@code grad} is non-null also adds gradScale * dE/dtheta to it.
     *
     * @return the energy of this configuration
     */
    public double evaluate(NeighborList nl, ForceOutput out, double[] grad, double gradScale, WorkerPool pool) {
        return evaluate(nl, out, grad, gradScale, null, pool);
    }

    /**
     * As {@link #evaluate(NeighborList, ForceOutput, double[], double, WorkerPool)}, but the weight
     * gradient is of a weighted sum of atom energies: adds gradScale * sum_i atomWeight[i] dE_i/dtheta
     * to {@code grad} (a per-atom-energy loss needs this). Energies, forces and virial are unweighted.
     * With {@code atomWeight} null this is the plain gradient of E. The cell is the list's
     * ({@link NeighborList#box}).
     */
    public double evaluate(NeighborList nl, ForceOutput out, double[] grad, double gradScale, double[] atomWeight,
            WorkerPool pool) {
        return evaluate(nl, nl.box(), out, grad, gradScale, atomWeight, pool);
    }

    private double evaluate(NeighborList nl, Box box, ForceOutput out, double[] grad, double gradScale,
            double[] atomWeight, WorkerPool pool) {
        if (atomWeight != null && atomWeight.length < nl.nLocal) {
            throw new IllegalArgumentException("atom weights hold " + atomWeight.length + " numbers, the list has "
                    + nl.nLocal + " atoms");
        }
        if (nl.fullStart == null) {
            throw new IllegalStateException("the A2I force field needs a full neighbour list");
        }
        if (nl.cutoff() < model.cutoff()) {
            throw new IllegalStateException("neighbour list cutoff " + nl.cutoff() + " is below the model cutoff "
                    + model.cutoff());
        }
        for (int a = 0; a < nl.nLocal; a++) {
            if (nl.type[a] < 0 || nl.type[a] >= typeMap.length) {
                throw new IllegalStateException("atom " + (a + 1) + " has type " + nl.type[a]
                        + ", the A2I model maps only " + typeMap.length + " types");
            }
        }
        if (grad != null && grad.length < model.parameterCount()) {
            throw new IllegalArgumentException("gradient array holds " + grad.length + " numbers, model has "
                    + model.parameterCount() + " weights");
        }
        int threads = pool.threads();
        ensureThreads(threads, 3 * nl.nAll, grad != null);
        if (atomEnergy.length < nl.nLocal) {
            atomEnergy = new double[nl.nLocal + nl.nLocal / 8 + 8];
        }
        if (features != null) {
            longRangeInputs(nl, box, pool);
        }
        curList = nl;
        curOutForce = out.force;
        curGrad = grad;
        curGradScale = gradScale;
        curWantGrad = grad != null;
        curAtomWeight = grad != null ? atomWeight : null;
        curThreads = threads;
        pool.run(atomTask);
        pool.run(forceReduceTask);
        if (grad != null) {
            pool.run(gradReduceTask);
        }
        if (features != null && !skipLongRangeForces) {
            double[] sigma = model.lodeScale();
            int n = nl.nLocal * nlr;
            for (int k = 0; k < n; k++) {
                dLam[k] /= sigma[k % nlr]; // d(input)/d(lambda) = 1 / sigma
            }
            features.addForces(dLam, out.force, out.virial, pool);
        }
        curList = null;
        curOutForce = null;
        curGrad = null;
        curAtomWeight = null;
        double e = 0;
        for (int i = 0; i < nl.nLocal; i++) {
            e += atomEnergy[i];
        }
        out.energy += e;
        if (out.wantAtomEnergy) {
            for (int i = 0; i < nl.nLocal; i++) {
                out.atomEnergy[i] += atomEnergy[i];
            }
        }
        for (int t = 0; t < threads; t++) {
            for (int c = 0; c < 9; c++) {
                out.virial[c] += threadVirial[t][c];
            }
        }
        return e;
    }

    /** Features of the local atoms in model species, normalised in place into the readout inputs. */
    private void longRangeInputs(NeighborList nl, Box box, WorkerPool pool) {
        if (box == null) {
            throw new IllegalStateException("the long-range channel needs the cell: build the neighbour list first");
        }
        int n = nl.nLocal;
        if (modelType.length < n) {
            modelType = new int[n + n / 8 + 8];
        }
        if (lam.length < n * nlr) {
            lam = new double[(n + n / 8 + 8) * nlr];
            dLam = new double[lam.length];
        }
        for (int i = 0; i < n; i++) {
            modelType[i] = typeMap[nl.type[i]];
        }
        features.compute(nl.x, modelType, n, box, lam, pool);
        double[] mu = model.lodeMean();
        double[] sigma = model.lodeScale();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < nlr; c++) {
                int k = i * nlr + c;
                lam[k] = (lam[k] - mu[c]) / sigma[c];
            }
        }
    }

    /**
     * Adds scale * d/dtheta [sum_a dir_a . F_a] to {@code grad}, where F_a is the force on local atom a
     * (ghost images folded) and {@code dir} (3 * nLocal) is typically the force error of a training
     * frame. Computed as the central difference of the analytic weight gradient along dir:
     * d/dtheta [dir . F] = -(grad_theta E(x + h dir) - grad_theta E(x - h dir)) / (2 h), with h chosen
     * so the largest atom displacement is {@code maxStep} (length units). Ghosts move with their
     * owners; the list is not rebuilt and nl.x is restored bit for bit afterwards. The truncation
     * error falls as maxStep^2: on the deliberately rough random test model the largest error relative
     * to the largest component was 9e-6 at 1e-4 r_c, 9e-8 at 1e-5 r_c, 8e-9 at 3e-6 r_c and 9e-10 at
     * 1e-6 r_c, with round-off still below that; the default 3e-6 r_c sits well above round-off.
     * With the long-range channel the features are recomputed at the displaced positions (they enter
     * the weight gradient through the readout), in the cell of the list.
     */
    public void addForceLossGradient(NeighborList nl, double[] dir, double maxStep, double[] grad, double scale,
            WorkerPool pool) {
        addForceLossGradient(nl, dir, null, maxStep, grad, scale, pool);
    }

    /**
     * Adds scale * d/dtheta [sum_a dir_a . F_a + sum_ab strain_ab W_ab] to {@code grad}, W the virial
     * (ForceOutput's W_ab = sum r_a f_b); either {@code dir} or {@code strain} (row-major 3x3) may be
     * null. One pair of displaced evaluations serves both terms: atom a (ghosts included, each at its
     * own position) moves by h u_a with u_a = dir[owner(a)] + strain^T x_a, because
     * d/dh E(x + h u) = -sum_a dir_a . F_a - sum_ab strain_ab W_ab (W_ab = sum_a x_a,a F_a,b over locals
     * and unfolded ghosts). Moving the ghosts by strain^T x of their own positions strains every pair
     * vector alike, i.e. a homogeneous strain of the periodic system, with the list kept as built. h is
     * chosen so the largest displacement of any atom is {@code maxStep}. Without a strain this is exactly
     * the force-only computation above, bit for bit.
     *
     * @throws IllegalStateException with a strain on a model with the long-range channel (its features
     *     would need the cell strained as well)
     */
    public void addForceLossGradient(NeighborList nl, double[] dir, double[] strain, double maxStep, double[] grad,
            double scale, WorkerPool pool) {
        if (strain != null && features != null) {
            throw new IllegalStateException("virial training is not available with the long-range channel");
        }
        int nLocal = nl.nLocal;
        int nAll = nl.nAll;
        double big = 0;
        int last = strain == null ? nLocal : nAll;
        for (int a = 0; a < last; a++) {
            int o = nl.owner[a];
            double dx = dir == null ? 0 : dir[3 * o];
            double dy = dir == null ? 0 : dir[3 * o + 1];
            double dz = dir == null ? 0 : dir[3 * o + 2];
            if (strain != null) {
                double x = nl.x[3 * a];
                double y = nl.x[3 * a + 1];
                double z = nl.x[3 * a + 2];
                dx += strain[0] * x + strain[3] * y + strain[6] * z;
                dy += strain[1] * x + strain[4] * y + strain[7] * z;
                dz += strain[2] * x + strain[5] * y + strain[8] * z;
            }
            big = Math.max(big, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        if (!(big > 0)) {
            return; // zero direction: nothing to add (also guards against NaN)
        }
        double h = maxStep / big;
        int np = model.parameterCount();
        if (savedX.length < 3 * nAll) {
            savedX = new double[3 * nAll + 3 * nAll / 8 + 24];
        }
        if (gradPlus.length < np) {
            gradPlus = new double[np];
            gradMinus = new double[np];
        }
        System.arraycopy(nl.x, 0, savedX, 0, 3 * nAll);
        skipLongRangeForces = true;
        try {
            displace(nl, dir, strain, h);
            Arrays.fill(gradPlus, 0, np, 0.0);
            scratchOut.reset(nLocal, nAll, false);
            evaluate(nl, scratchOut, gradPlus, 1.0, pool);
            System.arraycopy(savedX, 0, nl.x, 0, 3 * nAll);
            displace(nl, dir, strain, -h);
            Arrays.fill(gradMinus, 0, np, 0.0);
            scratchOut.reset(nLocal, nAll, false);
            evaluate(nl, scratchOut, gradMinus, 1.0, pool);
        } finally {
            skipLongRangeForces = false;
            System.arraycopy(savedX, 0, nl.x, 0, 3 * nAll);
        }
        double f = scale / (2 * h);
        for (int k = 0; k < np; k++) {
            grad[k] += f * (gradMinus[k] - gradPlus[k]);
        }
    }

    /** As above with the default step {@link #DEFAULT_FORCE_STEP} * r_c. */
    public void addForceLossGradient(NeighborList nl, double[] dir, double[] grad, double scale, WorkerPool pool) {
        addForceLossGradient(nl, dir, DEFAULT_FORCE_STEP * model.cutoff(), grad, scale, pool);
    }

    /** Moves every atom by h (dir[owner] + strain^T x), x its position before the move (nl.x = savedX). */
    private static void displace(NeighborList nl, double[] dir, double[] strain, double h) {
        if (strain == null) {
            for (int a = 0; a < nl.nAll; a++) {
                int o = nl.owner[a];
                nl.x[3 * a] += h * dir[3 * o];
                nl.x[3 * a + 1] += h * dir[3 * o + 1];
                nl.x[3 * a + 2] += h * dir[3 * o + 2];
            }
            return;
        }
        for (int a = 0; a < nl.nAll; a++) {
            int o = nl.owner[a];
            double x = nl.x[3 * a];
            double y = nl.x[3 * a + 1];
            double z = nl.x[3 * a + 2];
            double ux = strain[0] * x + strain[3] * y + strain[6] * z;
            double uy = strain[1] * x + strain[4] * y + strain[7] * z;
            double uz = strain[2] * x + strain[5] * y + strain[8] * z;
            if (dir != null) {
                ux += dir[3 * o];
                uy += dir[3 * o + 1];
                uz += dir[3 * o + 2];
            }
            nl.x[3 * a] = x + h * ux;
            nl.x[3 * a + 1] = y + h * uy;
            nl.x[3 * a + 2] = z + h * uz;
        }
    }

    private void ensureThreads(int threads, int nForce, boolean wantGrad) {
        if (kernels.length < threads) {
            A2IKernel[] k = Arrays.copyOf(kernels, threads);
            double[][] f = Arrays.copyOf(threadForce, threads);
            double[][] v = Arrays.copyOf(threadVirial, threads);
            double[][] g = Arrays.copyOf(threadGrad, threads);
            double[][] ga = Arrays.copyOf(threadAtomGrad, threads);
            for (int t = kernels.length; t < threads; t++) {
                k[t] = new A2IKernel(model);
                f[t] = new double[0];
                v[t] = new double[9];
            }
            kernels = k;
            threadForce = f;
            threadVirial = v;
            threadGrad = g;
            threadAtomGrad = ga;
        }
        for (int t = 0; t < threads; t++) {
            if (threadForce[t].length < nForce) {
                threadForce[t] = new double[nForce + nForce / 8 + 48];
            }
            if (wantGrad && threadGrad[t] == null) {
                threadGrad[t] = new double[model.parameterCount()];
            }
        }
    }

    private void atomSlice(int t, int threads) {
        NeighborList nl = curList;
        double[] f = threadForce[t];
        Arrays.fill(f, 0, 3 * nl.nAll, 0.0);
        double[] vir = threadVirial[t];
        Arrays.fill(vir, 0.0);
        double[] g = null;
        if (curWantGrad) {
            g = threadGrad[t];
            Arrays.fill(g, 0.0);
        }
        A2IKernel kernel = kernels[t];
        double[] w = model.weights();
        int a = WorkerPool.sliceStart(nl.nLocal, t, threads);
        int b = WorkerPool.sliceStart(nl.nLocal, t + 1, threads);
        double[] aw = curAtomWeight;
        PairPrior prior = model.prior();
        if (prior != null) {
            // The prior does not depend on the weights: only energies, forces and virial change.
            for (int i = a; i < b; i++) {
                atomEnergy[i] = prior.atom(i, nl, typeMap, f, vir);
            }
        }
        if (aw == null) {
            for (int i = a; i < b; i++) {
                double e = kernel.atom(i, nl, typeMap, w, f, vir, g, lam, dLam);
                atomEnergy[i] = prior != null ? atomEnergy[i] + e : e;
            }
            return;
        }
        // Weighted: each atom's dE_i/dtheta into scratch, then scaled into the thread's sum.
        int np = model.parameterCount();
        if (threadAtomGrad[t] == null) {
            threadAtomGrad[t] = new double[np];
        }
        double[] gi = threadAtomGrad[t];
        for (int i = a; i < b; i++) {
            Arrays.fill(gi, 0.0);
            double e = kernel.atom(i, nl, typeMap, w, f, vir, gi, lam, dLam);
            atomEnergy[i] = prior != null ? atomEnergy[i] + e : e;
            double c = aw[i];
            for (int k = 0; k < np; k++) {
                g[k] += c * gi[k];
            }
        }
    }

    private void forceReduceSlice(int t, int threads) {
        int n = 3 * curList.nAll;
        int a = WorkerPool.sliceStart(n, t, threads);
        int b = WorkerPool.sliceStart(n, t + 1, threads);
        double[] out = curOutForce;
        for (int s = 0; s < curThreads; s++) {
            double[] f = threadForce[s];
            for (int k = a; k < b; k++) {
                out[k] += f[k];
            }
        }
    }

    private void gradReduceSlice(int t, int threads) {
        int n = model.parameterCount();
        int a = WorkerPool.sliceStart(n, t, threads);
        int b = WorkerPool.sliceStart(n, t + 1, threads);
        double[] out = curGrad;
        double scale = curGradScale;
        for (int k = a; k < b; k++) {
            double s = 0;
            for (int u = 0; u < curThreads; u++) {
                s += threadGrad[u][k];
            }
            out[k] += scale * s;
        }
    }
}
