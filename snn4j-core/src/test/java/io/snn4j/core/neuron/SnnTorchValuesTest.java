package io.snn4j.core.neuron;

import static io.snn4j.core.neuron.Fixtures.W;
import static io.snn4j.core.neuron.Fixtures.X;
import static io.snn4j.core.neuron.Fixtures.column;
import static io.snn4j.core.neuron.Fixtures.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.SpikingLayer;
import io.snn4j.core.surrogate.Surrogates;
import org.junit.jupiter.api.Test;

/**
 * Forward values and gradients pinned from snnTorch 0.9.4 (benchmarks/peers/neuron_values.py, run with Debian's
 * PyTorch 1.13 on CPU). The probed loss is sum(W * spikes); inputs are {@link Fixtures#X} ([10, 1, 1]) and, for
 * the recurrent models, {@link #XR} ([6, 1, 2]) with weights {@link #WR}.
 */
class SnnTorchValuesTest {
    private static final float TOL = 3e-5f;
    static final float[] XR = {0.6f, 0.1f, 0.5f, 0.3f, 0.0f, 0.9f, 0.8f, 0.2f, 0.3f, 0.4f, 0.9f, 0.0f};
    static final float[] WR = {1.0f, -0.5f, 0.25f, 2.0f, 0.5f, 1.5f, -1.0f, 0.3f, 0.7f, 0.2f, 0.1f, -0.4f};

    /** Forward + backward of sum(W * spikes) on X; returns the input gradient. */
    private static float[] probe(Layer l, float[] spikes, float[] mem) {
        Tensor out = l.forward(column(X), true);
        assertArrayEquals(spikes, out.data(), TOL, "spikes");
        assertArrayEquals(mem, ((SpikingLayer) l).lastMembrane().data(), TOL, "membrane");
        Fixtures.zeroGrads(l);
        return l.backward(column(W)).data();
    }

    private static float grad(Layer l, String name) {
        return param(l, name).grad().data()[0];
    }

    @Test
    void leakySubtractLearnableBetaAndThresholdGradients() {
        Leaky l = Leaky.builder().beta(0.9f).learnBeta(true).learnThreshold(true).build();
        float[] gx = probe(l, new float[] {0, 0, 1, 0, 1, 0, 0, 0, 1, 1},
                new float[] {0.3f, 0.77f, 1.293f, 0.1637f, 1.04733f, 0.142597f, 0.8283373f, 0.7455035f, 2.170953f,
                    1.053858f});
        assertArrayEquals(new float[] {0.6661558f, 0.6449802f, 1.446629f, 1.456996f, 1.337689f, 0.3992448f,
            0.5109002f, -0.0779084f, -0.154347f, -0.1944337f}, gx, TOL);
        assertEquals(3.299561f, grad(l, "beta"), TOL);
        assertEquals(-2.864938f, grad(l, "threshold"), TOL);
    }

    @Test
    void leakyZeroResetLearnableGradients() {
        Leaky l = Leaky.builder().beta(0.9f).learnBeta(true).learnThreshold(true).reset(Reset.ZERO).build();
        float[] gx = probe(l, new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0},
                new float[] {0.3f, 0.77f, 1.293f, 0f, 0.9f, 1.01f, 0.7f, 0.63f, 2.067f, 0.1f});
        assertArrayEquals(new float[] {-0.3959942f, -0.5351865f, 0.135333f, 0.5985515f, 0.4606135f, -0.499507f,
            0.455328f, 0.06459765f, 0.02451695f, -0.02223611f}, gx, TOL);
        assertEquals(-0.4452418f, grad(l, "beta"), TOL);
        assertEquals(-0.6006858f, grad(l, "threshold"), TOL);
    }

    @Test
    void leakyImmediateSubtractResetPassesGradientThroughTheSpike() {
        Leaky l = Leaky.builder().beta(0.9f).learnBeta(true).learnThreshold(true).resetDelay(false).build();
        float[] gx = probe(l, new float[] {0, 0, 1, 0, 1, 0, 0, 0, 1, 0},
                new float[] {0.3f, 0.77f, 0.293f, 0.2637f, 0.1373299f, 0.323597f, 0.9912373f, 0.8921135f,
                    1.302902f, 1.272612f});
        assertArrayEquals(new float[] {-0.2777525f, -0.4873051f, 0.5496407f, 1.003649f, 0.9082661f, 0.4615921f,
            0.7494926f, 0.08873124f, -0.01040298f, -0.0321443f}, gx, TOL);
        assertEquals(1.153327f, grad(l, "beta"), TOL);
        assertEquals(-1.303043f, grad(l, "threshold"), TOL);
    }

    @Test
    void leakyImmediateZeroReset() {
        Leaky l = Leaky.builder().beta(0.9f).learnBeta(true).learnThreshold(true).reset(Reset.ZERO)
                .resetDelay(false).build();
        float[] gx = probe(l, new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0},
                new float[] {0.3f, 0.77f, 0f, 0f, 0.9f, 0f, 0.7f, 0.63f, 0f, 0.1f});
        assertArrayEquals(new float[] {-0.6325261f, -0.841243f, -0.4143318f, 0.8725559f, 0.7650629f, -0.8915249f,
            0.4316885f, 0.06091242f, 0.02789749f, -0.02223611f}, gx, TOL);
        assertEquals(-1.313567f, grad(l, "beta"), TOL);
        assertEquals(-0.5201594f, grad(l, "threshold"), TOL);
    }

    @Test
    void leakyNoResetWithOtherThreshold() {
        Leaky l = Leaky.builder().beta(0.95f).threshold(0.8f).learnBeta(true).learnThreshold(true)
                .reset(Reset.NONE).build();
        float[] gx = probe(l, new float[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1},
                new float[] {0.3f, 0.785f, 1.34575f, 1.278462f, 2.114539f, 2.208812f, 2.798372f, 2.658453f,
                    4.02553f, 3.924254f});
        assertArrayEquals(new float[] {-0.1777537f, -0.3388989f, 0.6935636f, 0.6632687f, 0.05227477f,
            -0.003275933f, 0.02211496f, 0.003744324f, 0.0009414272f, -0.002054721f}, gx, TOL);
        assertEquals(1.448833f, grad(l, "beta"), TOL);
        assertEquals(0.1231698f, grad(l, "threshold"), TOL);
    }

    private static final float[] SUB_SPIKES = {0, 0, 1, 0, 1, 0, 0, 0, 1, 1};
    private static final float[] SUB_MEM = {0.3f, 0.77f, 1.293f, 0.1637f, 1.04733f, 0.142597f, 0.8283373f,
        0.7455035f, 2.170953f, 1.053858f};

    @Test
    void triangularSurrogateIsPlusThresholdBelowAndMinusThresholdAbove() {
        float[] gx = probe(Leaky.builder().beta(0.9f).surrogate(Surrogates.triangle()).build(), SUB_SPIKES,
                SUB_MEM);
        assertArrayEquals(new float[] {0.2989093f, -0.2234341f, 0.862851f, 1.236501f, -0.848332f, 0.16852f,
            0.7428f, -0.008000016f, -0.12f, 0.2f}, gx, TOL);
    }

    @Test
    void sigmoidSurrogateGradients() {
        float[] gx = probe(Leaky.builder().beta(0.9f).surrogate(Surrogates.sigmoid()).build(), SUB_SPIKES,
                SUB_MEM);
        assertArrayEquals(new float[] {2.693701f, 2.993001f, 3.413407f, 3.788105f, 4.209006f, -0.3092474f,
            -0.3436082f, -0.6592143f, -0.7372361f, -0.8191512f}, gx, TOL);
    }

    @Test
    void straightThroughSurrogateGradients() {
        float[] gx = probe(Leaky.builder().beta(0.9f).surrogate(Surrogates.straightThrough()).build(), SUB_SPIKES,
                SUB_MEM);
        assertArrayEquals(new float[] {2.119421f, 1.799357f, 3.110397f, 3.178219f, 1.309132f, 0.34348f, 0.9372f,
            0.208f, 0.12f, -0.2f}, gx, TOL);
    }

    @Test
    void gradedSpikesScaleOutputAndGradient() {
        float[] gx = probe(Leaky.builder().beta(0.9f).gradedSpikesFactor(2.5f).build(),
                new float[] {0, 0, 2.5f, 0, 2.5f, 0, 0, 0, 2.5f, 2.5f}, SUB_MEM);
        assertArrayEquals(new float[] {1.665389f, 1.612451f, 3.616573f, 3.64249f, 3.344223f, 0.9981118f, 1.27725f,
            -0.1947709f, -0.3858675f, -0.4860843f}, gx, TOL);
    }

    @Test
    void betaAboveOneActsAsOneAndGetsNoGradient() {
        Leaky l = Leaky.builder().beta(1.2f).learnBeta(true).build();
        float[] gx = probe(l, new float[] {0, 0, 1, 0, 1, 0, 1, 0, 1, 0},
                new float[] {0.3f, 0.8f, 1.4f, 0.4000001f, 1.3f, 0.5000001f, 1.2f, 0.2f, 1.7f, 0.8000001f});
        assertArrayEquals(new float[] {0.749698f, 0.6640245f, 1.380981f, 1.28405f, 0.8447844f, 0.3151976f,
            0.4593979f, -0.07831962f, -0.09198727f, -0.1433914f}, gx, TOL);
        assertEquals(0f, grad(l, "beta"));
    }

    @Test
    void synapticSubtractLearnableGradients() {
        Synaptic l = Synaptic.builder().alpha(0.8f).beta(0.9f).learnAlpha(true).learnBeta(true)
                .learnThreshold(true).build();
        float[] gx = probe(l, new float[] {0, 1, 1, 0, 1, 1, 1, 1, 1, 1},
                new float[] {0.3f, 1.01f, 1.101f, 0.9445001f, 2.51293f, 2.791941f, 3.43699f, 3.632686f, 5.000933f,
                    5.786052f});
        assertArrayEquals(new float[] {0.3f, 0.74f, 1.192f, 0.9536f, 1.66288f, 1.530304f, 1.924243f, 1.539395f,
            2.731516f, 2.285213f}, l.lastSynapticCurrent().data(), TOL);
        assertArrayEquals(new float[] {3.775215f, 3.703834f, 3.6208f, 2.017379f, 0.04982749f, 0.01155605f,
            0.01695369f, 0.002737335f, 0.0003896473f, -0.0008807622f}, gx, TOL);
        assertEquals(6.291396f, grad(l, "alpha"), TOL);
        assertEquals(4.528785f, grad(l, "beta"), TOL);
        assertEquals(-5.296717f, grad(l, "threshold"), TOL);
    }

    @Test
    void synapticZeroResetZeroesTheWholeMembraneButKeepsTheCurrent() {
        Synaptic l = Synaptic.builder().alpha(0.8f).beta(0.9f).learnAlpha(true).learnBeta(true)
                .learnThreshold(true).reset(Reset.ZERO).build();
        float[] gx = probe(l, new float[] {0, 1, 0, 0, 1, 0, 1, 0, 1, 0},
                new float[] {0.3f, 1.01f, 0f, 0.9536f, 2.52112f, 0f, 1.924243f, 0f, 2.731516f, 0f});
        assertArrayEquals(new float[] {0.3f, 0.74f, 1.192f, 0.9536f, 1.66288f, 1.530304f, 1.924243f, 1.539395f,
            2.731516f, 2.285213f}, l.lastSynapticCurrent().data(), TOL);
        assertArrayEquals(new float[] {-0.5509479f, 0.3281139f, 1.65891f, 2.073637f, 0.09686635f, 0.06864203f,
            0.08580253f, 0.007845566f, 0.009806958f, 0f}, gx, TOL);
        assertEquals(4.165816f, grad(l, "alpha"), TOL);
        assertEquals(-0.2596981f, grad(l, "beta"), TOL);
        assertEquals(-1.144132f, grad(l, "threshold"), TOL);
    }

    // ---- recurrent: T 6, B 1, N 2; all-to-all weights [[0.2, -0.4], [0.6, 0.1]], bias [0.05, -0.1] ----

    private static <L extends RecurrentNeuron> L withWeights(L l) {
        if (l.allToAll) {
            System.arraycopy(new float[] {0.2f, -0.4f, 0.6f, 0.1f}, 0, l.weightP.value().data(), 0, 4);
            System.arraycopy(new float[] {0.05f, -0.1f}, 0, l.biasP.value().data(), 0, 2);
        } else {
            System.arraycopy(new float[] {0.5f, -0.3f}, 0, l.vP.value().data(), 0, 2);
        }
        return l;
    }

    private static float[] probeRecurrent(Layer l, float[] spikes, float[] mem) {
        Tensor out = l.forward(Tensor.of(XR, 6, 1, 2), true);
        assertArrayEquals(spikes, out.data(), TOL, "spikes");
        assertArrayEquals(mem, ((SpikingLayer) l).lastMembrane().data(), TOL, "membrane");
        Fixtures.zeroGrads(l);
        return l.backward(Tensor.of(WR, 6, 1, 2)).data();
    }

    @Test
    void rleakyAllToAllFeedsBackPreviousSpikesAndAddsTheBiasEveryStep() {
        RLeaky l = withWeights(RLeaky.builder(2).beta(0.9f).learnBeta(true).learnThreshold(true)
                .build(new Rng(1)));
        float[] gx = probeRecurrent(l, new float[] {0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0},
                new float[] {0.65f, 0f, 1.135f, 0.2f, 0.2715f, 1.58f, 0.69435f, 0.622f, 0.974915f, 0.8598f,
                    1.827423f, 0.67382f});
        assertArrayEquals(new float[] {1.140971f, 0.4581684f, 0.536846f, 0.5762475f, 0.1421662f, 0.3400216f,
            0.06664518f, -0.001104089f, 0.5934971f, -0.02876018f, 0.01289154f, -0.1951161f}, gx, TOL);
        assertEquals(-1.944535f, grad(l, "threshold"), TOL);
        assertEquals(0.8336757f, grad(l, "beta"), TOL);
        assertArrayEquals(new float[] {0.1421662f, 0.06664518f, 0.3400216f, -0.001104089f},
                param(l, "recurrent.weight").grad().data(), TOL);
        assertArrayEquals(new float[] {2.493017f, 1.149457f}, param(l, "recurrent.bias").grad().data(), TOL);
    }

    @Test
    void rleakyZeroResetZeroesInputAndRecurrenceToo() {
        RLeaky l = withWeights(RLeaky.builder(2).beta(0.9f).reset(Reset.ZERO).build(new Rng(1)));
        float[] gx = probeRecurrent(l, new float[] {0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0},
                new float[] {0.65f, 0f, 1.135f, 0.2f, 0f, 1.58f, 0.45f, 0f, 0.7550001f, 0.3f, 1.6295f, 0.17f});
        assertArrayEquals(new float[] {0.9863131f, 0.4641788f, 0.3806323f, 0.5765353f, 0f, 0.3318299f,
            0.1661255f, 0f, 0.4411409f, -0.01416373f, 0.02036233f, -0.0512875f}, gx, TOL);
        assertArrayEquals(new float[] {0f, 0.1661255f, 0.3318299f, 0f}, param(l, "recurrent.weight").grad().data(),
                TOL);
        assertArrayEquals(new float[] {1.994574f, 1.307093f}, param(l, "recurrent.bias").grad().data(), TOL);
    }

    @Test
    void rleakyOneToOneScalesEachNeuronsOwnSpikeByV() {
        RLeaky l = withWeights(RLeaky.builder(2).beta(0.9f).oneToOne().build(null));
        float[] gx = probeRecurrent(l, new float[] {0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0},
                new float[] {0.6f, 0.1f, 1.04f, 0.39f, 0.4359999f, 1.251f, 1.1924f, 0.02589989f, 0.8731599f,
                    0.4233099f, 1.685844f, 0.3809789f});
        assertArrayEquals(new float[] {0.9378278f, 0.9900486f, 0.5028976f, 1.206535f, 0.1844412f, 0.9314458f,
            0.06235689f, 0.009152832f, 0.6276779f, -0.02272043f, 0.0177227f, -0.08364865f}, gx, TOL);
        assertArrayEquals(new float[] {0.8121191f, 0.009152832f}, param(l, "V").grad().data(), TOL);
    }

    @Test
    void rsynapticFeedsSpikesIntoTheSynapticCurrent() {
        RSynaptic l = withWeights(RSynaptic.builder(2).alpha(0.8f).beta(0.9f).learnAlpha(true).learnBeta(true)
                .learnThreshold(true).build(new Rng(1)));
        float[] gx = probeRecurrent(l, new float[] {0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1},
                new float[] {0.65f, 0f, 1.655f, 0.2f, 1.5955f, 1.74f, 1.97075f, 2.614f, 2.151515f, 3.991f,
                    2.788635f, 5.30262f});
        assertArrayEquals(new float[] {0.9383219f, 0.9527963f, 0.191623f, 0.6945677f, 0.06406644f, 0.2518156f,
            -0.00504864f, 0.009459836f, 0.05486092f, -0.001477862f, 0.003069839f, -0.002177328f}, gx, TOL);
        assertEquals(-1.361648f, grad(l, "threshold"), TOL);
        assertEquals(0.2951244f, grad(l, "beta"), TOL);
        assertEquals(0.3323016f, grad(l, "alpha"), TOL);
        assertArrayEquals(new float[] {0.1169486f, 0.05288212f, 0.2576203f, 0.005804647f},
                param(l, "recurrent.weight").grad().data(), TOL);
        assertArrayEquals(new float[] {1.246893f, 1.904984f}, param(l, "recurrent.bias").grad().data(), TOL);
    }

    @Test
    void rsynapticOneToOneZeroReset() {
        RSynaptic l = withWeights(RSynaptic.builder(2).alpha(0.8f).beta(0.9f).oneToOne().reset(Reset.ZERO)
                .build(null));
        float[] gx = probeRecurrent(l, new float[] {0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0},
                new float[] {0.6f, 0.1f, 1.52f, 0.47f, 0f, 1.627f, 1.8272f, 0f, 0f, 1.09056f, 2.709408f, 0f});
        assertArrayEquals(new float[] {0.4100636f, 1.475759f, -0.02672756f, 1.098834f, -0.1013267f, 0.4166911f,
            -0.1266584f, 0.148019f, 0.002680987f, 0.1850238f, 0.003351236f, 0f}, gx, TOL);
        assertArrayEquals(new float[] {-0.09864572f, 0.148019f}, param(l, "V").grad().data(), TOL);
    }
}
