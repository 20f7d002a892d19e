package org.a2imd.train;

import java.util.Arrays;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.nnp.A2IForceField;

/**
 * The training loss of a set of frames and its gradient with respect to the model weights.
 *
 * <p>Loss = w_E mean_frames((E - E_ref)/N)^2 + w_F mean_components (F - F_ref)^2 + w_A mean_atoms
 * (e_i - e_ref,i)^2 + w_V mean_frames sum_ab ((W_ab - W_ref,ab)/N)^2, each mean over the frames,
 * components or atoms of the batch that have the label. Gradients per frame: the energy term from one
 * evaluation with dE/dtheta; per-atom energies from the same evaluation with atom weights (so one pass
 * gives both); the force and virial terms together as one Hessian-vector product
 * {@link A2IForceField#addForceLossGradient} along dir = F - F_ref (scale 2 w_F / components) and the
 * strain (W - W_ref) / N^2 (scale 2 w_V / frames with a virial).
 * Frames are processed in order and every evaluation is reproducible at a fixed thread count, so the
 * gradient is too.
 */
public final class LossEvaluator {
    private final A2IForceField field;
    private final LossWeights weights;
    private final WorkerPool pool;
    private final int np;
    private final ForceOutput out = new ForceOutput();
    private final LossTerms frameTerms = new LossTerms();
    private double[] energyGrad;
    private double[] localForce = new double[0];
    private double[] dir = new double[0];
    private double[] atomWeight = new double[0];
    private final double[] strain = new double[9];

    public LossEvaluator(A2IForceField field, LossWeights weights, WorkerPool pool) {
        this.field = field;
        this.weights = weights;
        this.pool = pool;
        this.np = field.model().parameterCount();
        this.energyGrad = new double[np];
    }

    public LossWeights weights() {
        return weights;
    }

    /** Squared errors of all frames of a set, accumulated into {@code terms} (no gradient). */
    public void evaluate(Dataset data, LossTerms terms) {
        for (TrainingFrame f : data.frames()) {
            frame(f, null, 0, 0, 0, 0, terms);
        }
    }

    /**
     * The loss of frames {@code order[from..to)} of {@code data}; adds its gradient to {@code grad}.
     * Squared errors are accumulated into {@code terms}.
     */
    public double batch(Dataset data, int[] order, int from, int to, double[] grad, LossTerms terms) {
        long nE = 0;
        long nF = 0;
        long nA = 0;
        long nV = 0;
        for (int k = from; k < to; k++) {
            TrainingFrame f = data.get(order[k]);
            nE += f.hasEnergy() ? 1 : 0;
            nF += f.forces != null ? 3L * f.atoms : 0;
            nA += f.atomEnergies != null ? f.atoms : 0;
            nV += f.virial != null ? 1 : 0;
        }
        double cE = weights.energy() > 0 && nE > 0 ? 2 * weights.energy() / nE : 0;
        double cF = weights.forces() > 0 && nF > 0 ? 2 * weights.forces() / nF : 0;
        double cA = weights.atomEnergies() > 0 && nA > 0 ? 2 * weights.atomEnergies() / nA : 0;
        double cV = weights.virial() > 0 && nV > 0 ? 2 * weights.virial() / nV : 0;
        LossTerms batch = new LossTerms();
        for (int k = from; k < to; k++) {
            frame(data.get(order[k]), grad, cE, cF, cA, cV, batch);
        }
        terms.add(batch);
        return batch.loss(weights);
    }

    /**
     * One frame: squared errors into {@code terms}; with grad non-null adds cE/2 * d((E-E_ref)/N)^2,
     * cA/2 * d sum_i (e_i - e_ref,i)^2, cF/2 * d |F - F_ref|^2 and cV/2 * d sum_ab ((W_ab - W_ref,ab)/N)^2
     * (all d/dtheta) to grad.
     */
    private void frame(TrainingFrame f, double[] grad, double cE, double cF, double cA, double cV,
            LossTerms terms) {
        NeighborList nl = f.list;
        int n = f.atoms;
        boolean wantGrad = grad != null;
        boolean energyGradNeeded = wantGrad && cE != 0 && f.hasEnergy();
        boolean atomGradNeeded = wantGrad && cA != 0 && f.atomEnergies != null;
        boolean wantAtoms = f.atomEnergies != null;
        out.reset(n, nl.nAll, wantAtoms);
        double e;
        if (atomGradNeeded) {
            // Per-atom weights need the errors first: a forward pass, then a weighted gradient pass.
            e = field.evaluate(nl, out, null, 0, pool);
        } else if (energyGradNeeded) {
            Arrays.fill(energyGrad, 0.0);
            e = field.evaluate(nl, out, energyGrad, 1.0, pool);
        } else {
            e = field.evaluate(nl, out, null, 0, pool);
        }
        double dE = 0;
        if (f.hasEnergy()) {
            dE = (e - f.energy) / n;
            terms.energySq += dE * dE;
            terms.energyCount++;
        }
        if (wantAtoms) {
            for (int i = 0; i < n; i++) {
                double d = out.atomEnergy[i] - f.atomEnergies[i];
                terms.atomSq += d * d;
            }
            terms.atomCount += n;
        }
        if (f.forces != null) {
            if (localForce.length < 3 * n) {
                localForce = new double[3 * n];
                dir = new double[3 * n];
            }
            nl.foldGhostForces(out.force, localForce);
            double s = 0;
            for (int k = 0; k < 3 * n; k++) {
                double d = localForce[k] - f.forces[k];
                dir[k] = d;
                s += d * d;
            }
            terms.forceSq += s;
            terms.forceCount += 3L * n;
        }
        boolean virialGrad = false;
        if (f.virial != null) {
            double s = 0;
            for (int c = 0; c < 9; c++) {
                double d = (out.virial[c] - f.virial[c]) / n;
                strain[c] = d;
                s += d * d;
            }
            terms.virialSq += s;
            terms.virialCount++;
            virialGrad = wantGrad && cV != 0;
        }
        if (!wantGrad) {
            return;
        }
        if (atomGradNeeded) {
            if (atomWeight.length < n) {
                atomWeight = new double[n];
            }
            double ce = energyGradNeeded ? cE * dE / n : 0; // d(dE^2)/dE_i = 2 dE / N for every atom
            for (int i = 0; i < n; i++) {
                atomWeight[i] = ce + cA * (out.atomEnergy[i] - f.atomEnergies[i]);
            }
            out.reset(n, nl.nAll, false);
            field.evaluate(nl, out, grad, 1.0, atomWeight, pool);
        } else if (energyGradNeeded) {
            double c = cE * dE / n;
            for (int k = 0; k < np; k++) {
                grad[k] += c * energyGrad[k];
            }
        }
        boolean forceGrad = cF != 0 && f.forces != null;
        if (virialGrad) {
            // d/dtheta of cV/2 sum D^2 = cV sum_ab D_ab/N dW_ab/dtheta, D = (W - W_ref)/N: the strain D/N.
            double step = A2IForceField.DEFAULT_FORCE_STEP * field.model().cutoff();
            double c = forceGrad ? cV / cF : cV;
            for (int k = 0; k < 9; k++) {
                strain[k] *= c / n;
            }
            field.addForceLossGradient(nl, forceGrad ? dir : null, strain, step, grad, forceGrad ? cF : 1.0, pool);
        } else if (forceGrad) {
            field.addForceLossGradient(nl, dir, grad, cF, pool);
        }
    }
}
