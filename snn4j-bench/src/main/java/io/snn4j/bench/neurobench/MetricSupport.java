package io.snn4j.bench.neurobench;

import io.snn4j.core.Tensor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** What several metrics share: NeuroBench's shape check, the model's activity, Python's rounding. */
final class MetricSupport {
    private MetricSupport() {
    }

    /** NeuroBench's {@code @check_shapes}: predictions and labels must have the same shape. */
    static void checkShapes(String metric, Tensor preds, BenchBatch data, String hint) {
        if (!Arrays.equals(preds.shape(), data.labels().shape())) {
            throw new BenchmarkException(metric + ": the predictions have shape " + Arrays.toString(preds.shape())
                    + " but the labels " + Arrays.toString(data.labels().shape()) + "; they must be equal" + hint);
        }
    }

    /** The model's record of its last run (what NeuroBench's hooks hold). */
    static Activity activity(String metric, BenchModel model) {
        Activity a = model.lastActivity();
        if (a == null) {
            throw new BenchmarkException(metric + ": the model has not recorded what it did (BenchModel.lastActivity"
                    + " is null)");
        }
        return a;
    }

    /** Python's {@code round(x, 4)}: the exact value of x rounded half-to-even to 4 decimals. */
    static double round4(double x) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }
}
