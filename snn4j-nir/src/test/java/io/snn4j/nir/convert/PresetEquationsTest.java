package io.snn4j.nir.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.nir.NirArray;
import io.snn4j.nir.NirGraph;
import io.snn4j.nir.NirNode;
import io.snn4j.nir.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The nir and norse presets step NIR's neuron equations as docs/interop.md writes them (double-precision references). */
class PresetEquationsTest {

    private static NirArray a(double v) {
        return NirArray.float64(new double[] {v}, 1);
    }

    private static NirGraph single(NirNode neuron) {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("input", new NirNode.Input(Shape.of(1)));
        n.put("neuron", neuron);
        n.put("output", new NirNode.Output(Shape.of(1)));
        return NirGraph.sequential(n);
    }

    /** x[t] = 1.2 + sin(t / 3): a varying drive. */
    private static Tensor drive(int steps) {
        Tensor x = new Tensor(steps, 1, 1);
        for (int t = 0; t < steps; t++) {
            x.data()[t] = (float) (1.2 + Math.sin(t / 3.0));
        }
        return x;
    }

    private static void assertTrace(double[] spikes, double[] mem, Simulation.Result r, double tol) {
        int fired = 0;
        for (int t = 0; t < mem.length; t++) {
            assertEquals(spikes[t], r.output().data()[t], 0, "spike at step " + t);
            assertEquals(mem[t], r.membrane().data()[t], tol, "membrane at step " + t);
            fired += (int) spikes[t];
        }
        assertTrue(fired > 0 && fired < mem.length, "some spikes: " + fired);
    }

    @Test
    void lifExactAndEulerStepsOfNirsEquation() {
        double tau = 0.01;
        double r = 2;
        double vLeak = 0.1;
        double th = 0.9;
        double vReset = -0.2;
        double dt = 1e-3;
        int steps = 80;
        NirGraph g = single(new NirNode.LIF(a(tau), a(r), a(vLeak), a(th), a(vReset)));
        Tensor x = drive(steps);
        for (Preset.Integration integ : Preset.Integration.values()) {
            double[] s = new double[steps];
            double[] m = new double[steps];
            double v = vLeak;
            for (int t = 0; t < steps; t++) {
                double in = x.data()[t];
                v = integ == Preset.Integration.EXACT
                        ? vLeak + r * in + (v - vLeak - r * in) * Math.exp(-dt / tau)
                        : v + dt / tau * ((vLeak - v) + r * in);
                s[t] = v > th ? 1 : 0;
                v = v > th ? vReset : v;
                m[t] = v;
            }
            Converted c = NirToSnn.convert(g, new ConversionOptions(Preset.NIR, dt, integ));
            assertTrace(s, m, Simulation.run(c, x), 1e-5);
        }
    }

    @Test
    void cubaLiExactStepEqualsAFineIntegrationOfTheOde() {
        double tauSyn = 0.004;
        double tauMem = 0.01;
        double r = 1.5;
        double vLeak = 0.2;
        double wIn = 0.8;
        double dt = 2e-3;
        int steps = 40;
        NirGraph g = single(new NirNode.CubaLI(a(tauSyn), a(tauMem), a(r), a(vLeak), a(wIn)));
        Tensor x = drive(steps);
        Simulation.Result res = Simulation.run(NirToSnn.convert(g, new ConversionOptions(Preset.NIR, dt,
                Preset.Integration.EXACT)), x);
        double i = 0;
        double v = vLeak;
        int sub = 20000;
        double h = dt / sub;
        for (int t = 0; t < steps; t++) {
            double s = x.data()[t];
            for (int k = 0; k < sub; k++) { // midpoint rule
                double di = (-i + wIn * s) / tauSyn;
                double dv = ((vLeak - v) + r * i) / tauMem;
                double im = i + 0.5 * h * di;
                double vm = v + 0.5 * h * dv;
                i += h * (-im + wIn * s) / tauSyn;
                v += h * ((vLeak - vm) + r * im) / tauMem;
            }
            assertEquals(v, res.output().data()[t], 1e-5 * Math.max(1, Math.abs(v)), "step " + t);
        }
    }

    @Test
    void norseLifIgnoresRAndVResetAndStartsAtTheLeak() {
        double tau = 0.02;
        double vLeak = 0.3;
        double th = 1.0;
        double dt = 1e-3;
        int steps = 120;
        NirGraph g = single(new NirNode.LIF(a(tau), a(7), a(vLeak), a(th), a(0.5)));
        Tensor x = drive(steps);
        double[] s = new double[steps];
        double[] m = new double[steps];
        double v = vLeak;
        for (int t = 0; t < steps; t++) {
            v = v + dt / tau * ((vLeak - v) + x.data()[t]);
            s[t] = v > th ? 1 : 0;
            v = v > th ? 0 : v;
            m[t] = v;
        }
        Converted c = NirToSnn.convert(g, ConversionOptions.of(Preset.NORSE));
        assertEquals(1e-3, c.dt());
        assertTrace(s, m, Simulation.run(c, x), 1e-5);
        assertEquals(1, c.warnings().size(), c.warnings().toString());
    }

    @Test
    void norseCubaLifSynapseLeaksToVLeakAndStartsThere() {
        double tauSyn = 0.005;
        double tauMem = 0.01;
        double r = 2;
        double vLeak = 0.1;
        double wIn = 1.5;
        double th = 0.8;
        double dt = 1e-3;
        int steps = 100;
        NirGraph g = single(new NirNode.CubaLIF(a(tauSyn), a(tauMem), a(r), a(vLeak), a(th), a(0), a(wIn)));
        Tensor x = drive(steps);
        double[] s = new double[steps];
        double[] m = new double[steps];
        double i = vLeak;
        double v = vLeak;
        for (int t = 0; t < steps; t++) {
            i = i + dt / tauSyn * ((vLeak - i) + wIn * x.data()[t]);
            v = v + dt / tauMem * ((vLeak - v) + r * i);
            s[t] = v > th ? 1 : 0;
            v = v > th ? 0 : v;
            m[t] = v;
        }
        assertTrace(s, m, Simulation.run(NirToSnn.convert(g, ConversionOptions.of(Preset.NORSE)), x), 1e-5);
    }

    @Test
    void snnTorchPresetFoldsTheInputGainIntoTheThreshold() {
        // r dt / tau = 0.5: snnTorch's importer divides the threshold by it
        double dt = 1e-4;
        double tau = 1e-3;
        NirGraph g = single(new NirNode.LIF(a(tau), a(5), a(0), a(0.4), a(0)));
        Converted c = NirToSnn.convert(g, ConversionOptions.of(Preset.SNNTORCH));
        Map<String, Object> spec = ((io.snn4j.core.layer.Sequential) c.network()).get(0).spec().config();
        assertEquals(0.9, ((Number) spec.get("beta")).doubleValue(), 1e-7);
        assertEquals(0.8, ((Number) spec.get("threshold")).doubleValue(), 1e-7);
        assertEquals("zero", spec.get("reset"));
        assertEquals(dt, c.dt());
    }
}
