package org.a2imd.train;

/** Hears of a training's progress (a progress bar, a log); every method defaults to nothing. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** Before the first step of a (possibly resumed) training. */
    default void started(long step, long totalSteps) {
    }

    /** After each optimiser step, with the loss of its batch. */
    default void stepped(long step, double batchLoss) {
    }

    /** After each epoch, once its checkpoint is written. */
    default void epochDone(EpochRecord record) {
    }

    default void finished() {
    }
}
