package org.a2imd.train;

import java.util.Locale;

/**
 * One line of the learning curve.
 *
 * @param epoch 1-based epoch number
 * @param step optimiser steps so far
 * @param lr learning rate of the epoch's last step
 * @param trainLoss mean batch loss over the epoch (weights changing as it ran)
 * @param train squared errors accumulated over the epoch's batches
 * @param valLoss loss on the validation set after the epoch (NaN without one)
 * @param validation squared errors on the validation set (null without one)
 * @param best whether this epoch's model is the best so far
 */
public record EpochRecord(int epoch, long step, double lr, double trainLoss, LossTerms train, double valLoss,
        LossTerms validation, boolean best) {

    public static final String CSV_HEADER = "epoch,step,lr,train_loss,val_loss,train_energy_rmse,train_force_rmse,"
            + "train_atom_energy_rmse,val_energy_rmse,val_force_rmse,val_atom_energy_rmse,best,train_virial_rmse,"
            + "val_virial_rmse";

    /** The CSV line (numbers as {@link Double#toString}: exact, so resumed curves compare equal). */
    public String csv() {
        LossTerms v = validation;
        return String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s", epoch, step, lr, trainLoss,
                valLoss,
                train.energyRmse(), train.forceRmse(), train.atomEnergyRmse(),
                v == null ? Double.NaN : v.energyRmse(), v == null ? Double.NaN : v.forceRmse(),
                v == null ? Double.NaN : v.atomEnergyRmse(), best ? 1 : 0, train.virialRmse(),
                v == null ? Double.NaN : v.virialRmse());
    }

    /** The loss that early stopping and the plateau schedule watch: validation if any, else training. */
    public double monitored() {
        return validation != null ? valLoss : trainLoss;
    }
}
