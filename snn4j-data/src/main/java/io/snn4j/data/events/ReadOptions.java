package io.snn4j.data.events;

/**
 * How a reader treats what the file does not say or gets wrong.
 *
 * @param sensorSize    the sensor size to use instead of the file's own (or of the inferred one); events outside
 *                      it are an error. Null: the size the file declares, else the format's usual size (N-MNIST
 *                      34x34x2), else the smallest that holds the events (max x + 1, max y + 1, 2).
 * @param allowUnsorted accept timestamps that go back in time (they are kept in file order); by default a
 *                      reader refuses them where the format stores events in time order
 * @param chunkSize     events per chunk when a whole file is read
 */
public record ReadOptions(SensorSize sensorSize, boolean allowUnsorted, int chunkSize) {

    public static final ReadOptions DEFAULT = new ReadOptions(null, false, 1 << 16);

    public ReadOptions {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
    }

    public ReadOptions withSensorSize(SensorSize s) {
        return new ReadOptions(s, allowUnsorted, chunkSize);
    }

    public ReadOptions withAllowUnsorted(boolean allow) {
        return new ReadOptions(sensorSize, allow, chunkSize);
    }

    public ReadOptions withChunkSize(int n) {
        return new ReadOptions(sensorSize, allowUnsorted, n);
    }
}
