package io.snn4j.core.layer;

import static io.snn4j.core.layer.LayerTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.GradCheck;
import io.snn4j.core.Rng;
import io.snn4j.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlattenDropoutTest {

    @Test
    void flattenKeepsTimeAndBatchAndJoinsTheRest() {
        Flatten f = new Flatten();
        Tensor x = uniform(new Rng(1), -1, 1, 2, 3, 4, 5, 6);
        Tensor y = f.forward(x, true);
        assertArrayEquals(new int[] {2, 3, 120}, y.shape());
        assertArrayEquals(x.data(), y.data());
        Tensor g = f.backward(uniform(new Rng(2), -1, 1, 2, 3, 120));
        assertArrayEquals(new int[] {2, 3, 4, 5, 6}, g.shape());
        assertArrayEquals(new int[] {120}, f.outputShape(new int[] {4, 5, 6}));
    }

    @Test
    void flattenGradientCheckAndSteps() {
        Rng rng = new Rng(3);
        GradCheck.Result r = GradCheck.check(new Flatten(), uniform(rng, -1, 1, 2, 2, 3, 2, 2), 1, 1e-2, 40, 1e-3);
        assertTrue(r.passes(1e-2), r.toString());
        LayerTestSupport.assertStepsMatchSequence(new Flatten(), uniform(rng, -1, 1, 3, 2, 2, 3), 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Flatten().forward(new Tensor(4, 5), false));
        assertTrue(e.getMessage().contains("flatten"), e.getMessage());
    }

    @Test
    void dropoutIsTheIdentityInEvaluation() {
        Dropout d = new Dropout(0.5, 1);
        Tensor x = uniform(new Rng(1), -1, 1, 2, 3, 4);
        assertSame(x, d.forward(x, false));
    }

    @Test
    void dropoutZeroesAboutPAndScalesTheRestByOneOverOneMinusP() {
        Dropout d = new Dropout(0.25, 7);
        Tensor y = d.forward(Tensor.full(1f, 10, 10, 100), true);
        int zeros = 0;
        for (float v : y.data()) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.75f, v, 1e-6);
            }
        }
        assertEquals(0.25, zeros / 10000.0, 0.02);
        Tensor g = d.backward(Tensor.full(1f, 10, 10, 100));
        assertArrayEquals(y.data(), g.data(), "the gradient passes through the same mask");
    }

    @Test
    void masksAreSeededAndChangeBetweenCalls() {
        Tensor x = Tensor.full(1f, 2, 4, 16);
        Dropout a = new Dropout(0.5, 3);
        Dropout b = new Dropout(0.5, 3);
        Tensor a1 = a.forward(x, true);
        assertArrayEquals(a1.data(), b.forward(x, true).data(), "same seed, same first mask");
        assertFalse(Arrays.equals(a1.data(), a.forward(x, true).data()), "next call draws a new mask");
        a.freezeMask(true);
        Tensor f1 = a.forward(x, true);
        assertArrayEquals(f1.data(), a.forward(x, true).data(), "frozen mask is reused");
    }

    @Test
    void dropoutGradientCheckWithFrozenMaskAndSteps() {
        Rng rng = new Rng(4);
        Dropout d = new Dropout(0.3, 5);
        d.freezeMask(true);
        GradCheck.Result r = GradCheck.check(d, uniform(rng, -1, 1, 3, 2, 8), 1, 1e-2, 40, 1e-3);
        assertTrue(r.passes(1e-2), r.toString());
        // Steps draw the same random numbers in the same order as the whole sequence.
        Tensor x = uniform(rng, -1, 1, 4, 2, 8);
        Dropout s1 = new Dropout(0.3, 9);
        Dropout s2 = new Dropout(0.3, 9);
        Tensor whole = s1.forward(x, true);
        s2.beginSteps(true);
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(whole.slice0(t).data(), s2.forwardStep(x.slice0(t)).data(), "step " + t);
        }
    }

    @Test
    void dropoutValidatesPAndRoundTripsItsSpec() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, 1));
        assertTrue(e.getMessage().contains("dropout") && e.getMessage().contains("[0, 1]"), e.getMessage());
        Dropout d = new Dropout(0.2, 123456789012L);
        assertEquals(d.spec(), Layers.create(d.spec(), new Rng(1)).spec());
        Dropout noInput = new Dropout(0.5, 1);
        noInput.setInputGradRequired(false);
        noInput.forward(new Tensor(1, 1, 2), true);
        assertNull(noInput.backward(new Tensor(1, 1, 2)));
    }
}
