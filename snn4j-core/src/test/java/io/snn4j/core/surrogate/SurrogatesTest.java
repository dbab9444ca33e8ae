package io.snn4j.core.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.layer.LayerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurrogatesTest {

    @Test
    void atanPeaksAtHalfAlphaAndFollowsTheLorentzian() {
        assertEquals(1f, Surrogates.atan().grad(0f));
        assertEquals(1.5f, Surrogates.atan(3f).grad(0f));
        // alpha 2, u = 0.5: 1 / (1 + (pi / 2)^2)
        assertEquals((float) (1 / (1 + Math.PI * Math.PI / 4)), Surrogates.atan().grad(0.5f), 1e-7f);
    }

    @Test
    void fastSigmoidIsOneOverSquaredDistance() {
        assertEquals(1f, Surrogates.fastSigmoid().grad(0f));
        assertEquals(1f / 36f, Surrogates.fastSigmoid().grad(-0.2f), 1e-7f);
        assertEquals(0.25f, Surrogates.fastSigmoid(10f).grad(0.1f), 1e-7f);
    }

    @Test
    void sigmoidIsStableForVeryNegativeInputs() {
        assertEquals(25f / 4f, Surrogates.sigmoid().grad(0f), 1e-6f);
        float far = Surrogates.sigmoid().grad(-100f);
        assertTrue(Float.isFinite(far) && far >= 0f && far < 1e-30f, "got " + far);
        assertEquals(Surrogates.sigmoid().grad(0.1f), Surrogates.sigmoid().grad(-0.1f), 1e-6f);
    }

    @Test
    void triangleIsSnnTorchsSignFlipScaledByThreshold() {
        assertEquals(1f, Surrogates.triangle().grad(-0.3f));
        assertEquals(-1f, Surrogates.triangle().grad(0f));
        assertEquals(-2f, Surrogates.triangle(2f).grad(0.4f));
    }

    @Test
    void boxcarHasUnitAreaInsideItsWidth() {
        Surrogate b = Surrogates.boxcar(0.5f);
        assertEquals(2f, b.grad(0.2f));
        assertEquals(0f, b.grad(0.3f));
        assertEquals(2f, b.grad(-0.2f));
    }

    @Test
    void straightThroughPassesGradientUnchanged() {
        assertEquals(1f, Surrogates.straightThrough().grad(-7f));
        assertEquals(1f, Surrogates.straightThrough().grad(0.1f));
    }

    @Test
    void smoothIsAPrimitiveOfGradForEverySurrogate() {
        List<Surrogate> all = List.of(Surrogates.atan(), Surrogates.atan(5f), Surrogates.fastSigmoid(),
                Surrogates.sigmoid(), Surrogates.sigmoid(4f), Surrogates.triangle(1.5f), Surrogates.boxcar(),
                Surrogates.straightThrough());
        float[] points = {-1.3f, -0.21f, -0.07f, 0.04f, 0.13f, 0.6f, 2f};
        for (Surrogate s : all) {
            for (float u : points) {
                float h = 1e-3f;
                double numeric = ((double) s.smooth(u + h) - s.smooth(u - h)) / (2 * h);
                assertEquals(s.grad(u), numeric, 2e-2 * Math.max(1, Math.abs(numeric)), s.spec() + " at " + u);
            }
        }
    }

    @Test
    void specsRoundTrip() {
        for (Surrogate s : List.of(Surrogates.atan(3f), Surrogates.fastSigmoid(10f), Surrogates.sigmoid(7f),
                Surrogates.triangle(0.5f), Surrogates.boxcar(0.4f), Surrogates.straightThrough())) {
            Surrogate copy = Surrogates.fromSpec(s.spec());
            assertEquals(s.spec(), copy.spec());
            assertEquals(s.grad(0.123f), copy.grad(0.123f));
        }
        assertEquals(LayerSpec.of("atan", "alpha", 2.0), Surrogates.atan().spec());
    }

    @Test
    void configAcceptsNamesMapsAndSnnTorchAliases() {
        assertEquals("triangle", Surrogates.fromConfig("triangular").spec().type());
        assertEquals("straight_through", Surrogates.fromConfig("straight_through_estimator").spec().type());
        assertEquals("boxcar", Surrogates.fromConfig("rectangular").spec().type());
        assertEquals(4f, Surrogates.fromConfig(Map.of("type", "atan", "alpha", 8)).grad(0f));
        assertEquals(Map.of("type", "fast_sigmoid", "slope", 25.0), Surrogates.toConfig(Surrogates.fastSigmoid()));
    }

    @Test
    void unknownNamesAndKeysAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Surrogates.fromConfig("arctan"));
        assertTrue(e.getMessage().contains("'arctan'") && e.getMessage().contains("atan, boxcar"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Surrogates.fromSpec(LayerSpec.of("atan", "slope", 3)));
        assertTrue(e.getMessage().contains("'slope'") && e.getMessage().contains("alpha"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Surrogates.fastSigmoid(0f));
        assertTrue(e.getMessage().contains("fast_sigmoid") && e.getMessage().contains("slope"), e.getMessage());
    }

    @Test
    void customSurrogatesCanBeRegisteredAndLoadedByName() {
        Surrogate c = Surrogates.custom("test_cauchy", u -> 1 / (1 + u * u), Math::atan);
        assertEquals(0.5f, c.grad(1f));
        Surrogates.register("test_cauchy", spec -> c);
        assertSame(c, Surrogates.fromSpec(c.spec()));
        assertThrows(IllegalArgumentException.class, () -> Surrogates.custom("x", null, Math::atan));
    }
}
