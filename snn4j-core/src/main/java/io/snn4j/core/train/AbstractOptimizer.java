package io.snn4j.core.train;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-parameter state buffers keyed {@code <index>.<buffer>} (index in {@link #parameters()} order), a
 * step counter and the learning rate. State is only valid for an optimizer over the same parameter list.
 */
abstract class AbstractOptimizer implements Optimizer {
    protected final List<Parameter> params;
    protected double lr;
    protected long steps;
    /** Per parameter, buffer name to buffer; a missing buffer means "not created yet" (as PyTorch's lazy state). */
    protected final List<Map<String, float[]>> buffers;

    AbstractOptimizer(String name, List<Parameter> params, double lr) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameters to optimize");
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name + ": learning rate must be finite and >= 0, got " + lr);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.buffers = new java.util.ArrayList<>();
        for (int i = 0; i < this.params.size(); i++) {
            buffers.add(new LinkedHashMap<>());
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be finite and >= 0, got "
                    + lr);
        }
        this.lr = lr;
    }

    /** Number of {@link #step()} calls so far. */
    public long stepCount() {
        return steps;
    }

    @Override
    public void step() {
        steps++;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (p.trainable()) {
                update(p.value().data(), p.grad().data(), buffers.get(i));
            }
        }
    }

    /** Updates one parameter in place; {@link #steps} already counts this step. */
    abstract void update(float[] w, float[] g, Map<String, float[]> state);

    final float[] buffer(Map<String, float[]> state, String name, int n) {
        return state.computeIfAbsent(name, k -> new float[n]);
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        // float holds integers exactly up to 2^24 steps; split to keep larger counts exact.
        m.put("step", Tensor.of(new float[] {(float) (steps >>> 24), (float) (steps & 0xFFFFFF)}, 2));
        for (int i = 0; i < buffers.size(); i++) {
            for (Map.Entry<String, float[]> e : buffers.get(i).entrySet()) {
                m.put(i + "." + e.getKey(), Tensor.of(e.getValue(), params.get(i).value().shape()));
            }
        }
        return m;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        String me = getClass().getSimpleName();
        Tensor s = state.get("step");
        if (s == null || s.size() != 2) {
            throw new IllegalArgumentException(me + ": optimizer state has no valid 'step' entry");
        }
        List<Map<String, float[]>> fresh = new java.util.ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            fresh.add(new LinkedHashMap<>());
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            if (e.getKey().equals("step")) {
                continue;
            }
            int dot = e.getKey().indexOf('.');
            int idx;
            try {
                idx = Integer.parseInt(e.getKey().substring(0, Math.max(dot, 0)));
            } catch (NumberFormatException ex) {
                idx = -1;
            }
            if (idx < 0 || idx >= params.size()) {
                throw new IllegalArgumentException(me + ": optimizer state entry '" + e.getKey()
                        + "' does not belong to any of the " + params.size() + " parameters");
            }
            Tensor v = e.getValue();
            if (!Arrays.equals(v.shape(), params.get(idx).value().shape())) {
                throw new IllegalArgumentException(me + ": optimizer state entry '" + e.getKey() + "' has shape "
                        + Arrays.toString(v.shape()) + " but parameter " + idx + " ('" + params.get(idx).name()
                        + "') has shape " + Arrays.toString(params.get(idx).value().shape()));
            }
            fresh.get(idx).put(e.getKey().substring(dot + 1), v.data().clone());
        }
        steps = ((long) s.data()[0] << 24) + (long) s.data()[1];
        for (int i = 0; i < params.size(); i++) {
            buffers.set(i, fresh.get(i));
        }
    }
}
