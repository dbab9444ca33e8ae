package io.snn4j.bench.neurobench;

/**
 * A benchmark that cannot run as asked: an unknown metric name, data whose shape does not fit the model, labels of
 * the wrong length, a metric that does not apply to the model or its outputs. The message is one line that names
 * the metric or argument and says what was expected. (NeuroBench prints such problems and stores 0.0 or None as the
 * metric's value; snn4j stops instead.)
 */
public class BenchmarkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
