package io.snn4j.core.layer;

import io.snn4j.core.Tensor;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A layer without state across time steps (synapses, pooling, shape operations). Its recorded-step API
 * is derived from the whole-sequence one: each {@link #forwardStep} runs {@link #forward} on a one-step
 * sequence and keeps the layer's cache on a stack; {@link #backwardStep} restores it and runs
 * {@link #backward}.
 */
public abstract class StatelessLayer extends AbstractLayer {
    private final Deque<Object> recorded = new ArrayDeque<>();
    private boolean recording;

    /** What {@link #backward} needs from the last {@link #forward}, as one object (may be null). */
    protected abstract Object saveCache();

    /** Puts back an object returned by {@link #saveCache()}. */
    protected abstract void restoreCache(Object cache);

    /**
     * Why running this layer again on the same input would not give the same output (so gradient checkpointing,
     * which re-runs segments, cannot use it), or null when it would.
     */
    String rerunProblem() {
        return null;
    }

    @Override
    public Tensor step(Tensor x) {
        return asStep(forward(asSequence(x), false));
    }

    @Override
    public void resetState() {
        recorded.clear();
    }

    @Override
    public void beginSteps(boolean training) {
        recorded.clear();
        recording = training;
    }

    @Override
    public Tensor forwardStep(Tensor x) {
        Tensor y = asStep(forward(asSequence(x), recording));
        if (recording) {
            recorded.push(saveCache());
        }
        return y;
    }

    @Override
    public Tensor backwardStep(Tensor gradOut) {
        if (recorded.isEmpty()) {
            throw new IllegalStateException(type() + ": backwardStep without a recorded forwardStep");
        }
        restoreCache(recorded.pop());
        Tensor g = backward(asSequence(gradOut));
        return g == null ? null : asStep(g);
    }
}
