package io.snn4j.core.neuron;

/** Neuron layers whose neurons do not talk to each other: any feature shape, parallel over elements. */
abstract class ElementNeuron extends NeuronLayer {

    ElementNeuron(String type, int kind, NeuronBuilder<?> b, boolean hasAlpha, boolean hasThreshold) {
        super(type, kind, b, hasAlpha, hasThreshold);
    }

    @Override
    Cell cell(boolean gc) {
        return elementCell(gc, shape == null ? 0 : io.snn4j.core.Tensor.sizeOf(shape), null, null, null);
    }

    @Override
    void kernelForward(Cell c, Trace tr, boolean keep) {
        int n = tr.steps * tr.elements();
        tr.out = alloc(tr.outSlot, n);
        tr.mem = keep ? alloc(tr.memSlot, n) : null;
        tr.syn = keep && kind == Cell.SYNAPTIC ? alloc(tr.synSlot, n) : null;
        if (tr.emit && tr.featureShape.length == 1 && ElementKernel.canEmit(c)) {
            // [T, B, N] spikes: list them on the way, for the next synapse
            tr.events = ElementKernel.forwardEmitting(c, tr.x, tr.steps, tr.batch, tr.features, tr.mem0, tr.syn0,
                    tr.out, tr.mem, tr.syn);
        } else {
            ElementKernel.forward(c, tr.x, tr.steps, tr.elements(), tr.mem0, tr.syn0, tr.out, tr.mem, tr.syn,
                    null, null);
        }
        if (!ElementKernel.backwardNeedsInput(c)) {
            // the reverse pass works from the membranes alone; do not keep the previous layer's output alive
            tr.x = null;
        }
    }

    @Override
    void kernelBackward(Cell c, Trace tr, float[] gOut, float[] gIn, Grads g) {
        ElementKernel.backward(c, tr.x, tr.steps, tr.elements(), tr.mem0, tr.syn0, tr.mem, tr.syn, gOut, gIn, g.cu,
                g.cs, g.pb, g.pt, g.pa);
    }
}
