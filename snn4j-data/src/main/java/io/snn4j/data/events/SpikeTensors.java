package io.snn4j.data.events;

import io.snn4j.core.Tensor;

/**
 * Events to the time-major spike tensors the engine trains on. {@link ToFrame} gives tonic's frames (whose number
 * depends on the recording for the time-window and event-count modes); {@link #bin} gives a fixed number of time
 * steps of fixed length, which is what batching recordings of different lengths needs.
 */
public final class SpikeTensors {
    private SpikeTensors() {
    }

    /**
     * Counts events into {@code steps} bins of {@code binUs} microseconds starting at {@code startUs}: bin
     * {@code k} holds {@code startUs + k*binUs <= t < startUs + (k+1)*binUs}; events before {@code startUs} or
     * after the last bin are left out. Shape {@code [steps, P, H, W]}, or {@code [steps, P, W]} for events without
     * y (SHD: {@code [steps, 1, 700]}). With {@code binary} a bin holds 1 where it has any event (a spike), else
     * the count.
     */
    public static Tensor bin(Events ev, long startUs, long binUs, int steps, boolean binary) {
        if (binUs < 1) {
            throw new IllegalArgumentException("bin length must be at least 1 us, got " + binUs);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("number of steps must be at least 1, got " + steps);
        }
        SensorSize s = ev.sensorSize();
        int h = ev.hasY() ? s.height() : 1;
        int p = s.polarities();
        int plane = s.width() * h;
        long size = (long) steps * p * plane;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(steps + " steps of " + s + " exceed 2^31 values");
        }
        float[] v = new float[(int) size];
        for (int i = 0; i < ev.size(); i++) {
            long d = ev.t(i) - startUs;
            if (d < 0) {
                continue;
            }
            long k = d / binUs;
            if (k >= steps) {
                continue;
            }
            int x = ev.x(i);
            int y = ev.hasY() ? ev.y(i) : 0;
            int pol = p == 1 ? 0 : ev.p(i);
            if (x < 0 || x >= s.width() || y < 0 || y >= h || pol < 0 || pol >= p) {
                throw new IllegalArgumentException("event " + i + " (x=" + x + ", y=" + y + ", p=" + ev.p(i)
                        + ") lies outside the sensor size " + s + " (W,H,P)");
            }
            int idx = (int) k * p * plane + pol * plane + y * s.width() + x;
            v[idx] = binary ? 1f : v[idx] + 1f;
        }
        int[] shape = ev.hasY() ? new int[] {steps, p, h, s.width()} : new int[] {steps, p, s.width()};
        return new Tensor(v, shape);
    }

    /** {@link #bin} from the first event's time (0 for no events). */
    public static Tensor bin(Events ev, long binUs, int steps, boolean binary) {
        return bin(ev, ev.isEmpty() ? 0 : ev.t(0), binUs, steps, binary);
    }
}
