package io.snn4j.core.train;

/** Placeholder; the training engineer replaces this with the real Trainer. */
public final class Trainer {
    public void requestStop() {
    }
}
