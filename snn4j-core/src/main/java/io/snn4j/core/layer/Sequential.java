package io.snn4j.core.layer;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied one after the other, each to the whole sequence. Children are named {@code "0"}, {@code "1"},
 * ... as in PyTorch's {@code nn.Sequential}, so parameter paths match snnTorch's ({@code 0.weight}).
 */
public final class Sequential extends AbstractLayer implements Network {
    private final List<Layer> layers;
    private boolean recording;
    private final Map<String, Tensor> recorded = new LinkedHashMap<>();

    public Sequential(Layer... layers) {
        this(Arrays.asList(layers));
    }

    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        applyInputGradFlag();
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer get(int i) {
        return layers.get(i);
    }

    @Override
    public String type() {
        return "sequential";
    }

    @Override
    public void setInputGradRequired(boolean required) {
        super.setInputGradRequired(required);
        applyInputGradFlag();
    }

    private void applyInputGradFlag() {
        layers.get(0).setInputGradRequired(inputGradRequired);
        for (int i = 1; i < layers.size(); i++) {
            layers.get(i).setInputGradRequired(true);
        }
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] s = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                s = layers.get(i).outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i).type() + "): "
                        + e.getMessage(), e);
            }
        }
        return s;
    }

    @Override
    public LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Network n) {
                for (Map.Entry<String, Parameter> e : n.namedParameters().entrySet()) {
                    m.put(i + "." + e.getKey(), e.getValue());
                }
            } else {
                for (Parameter p : l.parameters()) {
                    m.put(i + "." + p.name(), p);
                }
            }
        }
        return m;
    }

    @Override
    public Map<String, Layer> namedLayers() {
        Map<String, Layer> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            m.put(Integer.toString(i), layers.get(i));
        }
        return m;
    }

    @Override
    public void setRecording(boolean on) {
        recording = on;
        if (!on) {
            recorded.clear();
        }
    }

    @Override
    public Map<String, Tensor> recordedOutputs() {
        return Collections.unmodifiableMap(recorded);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        recorded.clear();
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, training);
            if (recording) {
                recorded.put(Integer.toString(i), h);
            }
        }
        return h;
    }

    @Override
    public Tensor backward(Tensor gradOut) {
        Tensor g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
            if (g == null && i > 0) {
                throw new IllegalStateException("layer " + i + " returned no input gradient");
            }
        }
        return g;
    }

    @Override
    public Tensor step(Tensor x) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.step(h);
        }
        return h;
    }

    @Override
    public void resetState() {
        for (Layer l : layers) {
            l.resetState();
        }
    }

    @Override
    public void beginSteps(boolean training) {
        for (Layer l : layers) {
            l.beginSteps(training);
        }
    }

    @Override
    public Tensor forwardStep(Tensor x) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forwardStep(h);
        }
        return h;
    }

    @Override
    public Tensor backwardStep(Tensor gradOut) {
        Tensor g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backwardStep(g);
        }
        return g;
    }

    @Override
    public LayerSpec spec() {
        List<Object> children = new ArrayList<>();
        for (Layer l : layers) {
            LayerSpec s = l.spec();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", s.type());
            m.putAll(s.config());
            children.add(m);
        }
        return LayerSpec.of("sequential", "layers", children);
    }
}
