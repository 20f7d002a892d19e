package org.a2imd.train;

/**
 * Adam and its schedule.
 *
 * @param lr peak learning rate
 * @param schedule constant, cosine (to minLr over the run) or plateau
 * @param epochs largest number of passes over the training frames
 * @param batch frames per optimiser step
 * @param patience stop when the monitored loss has not improved for this many epochs (0: never)
 * @param seed shuffling of the training frames each epoch
 * @param warmupEpochs linear warm-up of the rate over this many epochs (0: none)
 * @param minLr floor of the cosine and plateau schedules
 * @param factor plateau: rate multiplier on a plateau
 * @param decayPatience plateau: epochs without improvement before the rate is cut
 */
public record OptimizerSettings(double lr, LearningRate.Kind schedule, int epochs, int batch, int patience, long seed,
        int warmupEpochs, double minLr, double factor, int decayPatience) {

    public OptimizerSettings {
        if (!(lr > 0) || epochs < 1 || batch < 1 || patience < 0 || warmupEpochs < 0 || !(minLr >= 0)
                || !(factor > 0 && factor < 1) || decayPatience < 0) {
            throw new IllegalArgumentException("invalid optimizer settings " + lr + " " + epochs + " " + batch);
        }
    }

    /** The same settings with another shuffle seed (committee members). */
    public OptimizerSettings withSeed(long s) {
        return new OptimizerSettings(lr, schedule, epochs, batch, patience, s, warmupEpochs, minLr, factor,
                decayPatience);
    }

    /** Cosine from lr down to lr / 100 over the epochs, no warm-up, no early stopping. */
    public static OptimizerSettings cosine(double lr, int epochs, int batch, long seed) {
        return new OptimizerSettings(lr, LearningRate.Kind.COSINE, epochs, batch, 0, seed, 0, lr / 100, 0.5, 5);
    }
}
