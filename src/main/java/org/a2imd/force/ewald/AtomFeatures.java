package org.a2imd.force.ewald;

import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;

/**
 * Per-atom descriptors of the whole periodic configuration (for example generalized LODE features),
 * differentiable with respect to positions and cell by an adjoint pass. A network that consumes them
 * gets dE/d(feature) from its own backward pass and hands it to {@link #addForces}, which turns it into
 * forces and virial without forming the O(N^2) Jacobian.
 *
 * <p>Usage per configuration: {@link #compute} once, then {@link #addForces} any number of times with
 * different adjoints (it reads the state cached by the last compute). Not thread-safe; uses the pool.
 */
public interface AtomFeatures {
    /** Number of features per atom, F. */
    int featuresPerAtom();

    /** Number of species the features distinguish as sources (types 0..species-1). */
    int species();

    /**
     * Computes the features of atoms 0..n-1 (positions x[3n], Cartesian, any image; types type[n]) in
     * cell {@code box} into {@code features[i * F + c]}.
     */
    void compute(double[] x, int[] type, int n, Box box, double[] features, WorkerPool pool);

    /**
     * For E = E(features) with adjoint {@code dEdF[i * F + c]} = dE/d features[i][c] (same layout as
     * compute), adds -dE/dx to {@code force[3n]} and -dE/d(strain) to the virial {@code virial[9]}
     * (W_ab, the convention of ForceOutput), for the configuration of the last {@link #compute}.
     */
    void addForces(double[] dEdF, double[] force, double[] virial, WorkerPool pool);

    /** One line for logs and model files. */
    String describe();
}
