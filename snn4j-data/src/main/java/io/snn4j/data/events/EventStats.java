package io.snn4j.data.events;

/**
 * Summary of a recording: number of events, first and last timestamp (the smallest and largest, in
 * microseconds; 0 when there are no events), ON events (p &gt; 0) and OFF events (p = 0), the largest x and y
 * seen (-1 when there are no events) and the sensor size.
 */
public record EventStats(long count, long tMin, long tMax, long on, long off, int xMax, int yMax,
                         SensorSize sensorSize) {

    /** Adds events one at a time; what streaming readers use to describe a file without holding it. */
    public static final class Accumulator {
        private long count;
        private long tMin = Long.MAX_VALUE;
        private long tMax = Long.MIN_VALUE;
        private long on;
        private int xMax = -1;
        private int yMax = -1;

        public void add(long t, int x, int y, int p) {
            count++;
            if (t < tMin) {
                tMin = t;
            }
            if (t > tMax) {
                tMax = t;
            }
            if (p > 0) {
                on++;
            }
            if (x > xMax) {
                xMax = x;
            }
            if (y > yMax) {
                yMax = y;
            }
        }

        public void add(EventChunk c) {
            for (int i = 0; i < c.size(); i++) {
                add(c.t[i], c.x[i], c.y[i], c.p[i]);
            }
        }

        public long count() {
            return count;
        }

        public int xMax() {
            return xMax;
        }

        public int yMax() {
            return yMax;
        }

        public EventStats result(SensorSize sensor) {
            return count == 0 ? new EventStats(0, 0, 0, 0, 0, -1, -1, sensor)
                    : new EventStats(count, tMin, tMax, on, count - on, xMax, yMax, sensor);
        }
    }
}
