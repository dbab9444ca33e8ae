package io.snn4j.core.train;

import io.snn4j.core.Tensor;

/** A loss value and dLoss/dOutput with the output's shape. */
public record LossValue(float value, Tensor grad) {
}
