package io.snn4j.core.train;

/**
 * What one epoch measured. Validation fields are NaN when no validation source was given.
 *
 * @param epoch      0-based epoch index
 * @param trainLoss  mean training loss over the epoch's batches (weighted by batch size)
 * @param trainAcc   training accuracy over the epoch, in [0, 1]
 * @param valLoss    mean validation loss
 * @param valAcc     validation accuracy
 * @param seconds    wall time of the epoch (training and validation)
 * @param learningRate learning rate used in the epoch
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc,
                           double seconds, double learningRate) {
}
