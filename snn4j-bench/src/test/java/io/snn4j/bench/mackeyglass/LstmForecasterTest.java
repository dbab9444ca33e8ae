package io.snn4j.bench.mackeyglass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LstmForecasterTest {

    /**
     * NeuroBench's own model and training loop ({@code lstm_model.py} with the loop of {@code lstm_benchmark.py},
     * PyTorch 1.13, float64), given this forecaster's initial parameters (seed 0) and the series of repeat 0 at
     * tau 17: the MSE of each of 20 Adam epochs, then the first 10 autonomous predictions after warming the state on
     * the training data. Ours runs in float32.
     */
    private static final double[] TORCH_LOSSES = {0.930906220571587, 0.7009330019084246, 0.519917936816992,
        0.3674808419689271, 0.23920454237224442, 0.13968097524931697, 0.0722516088883753, 0.03737548633569752,
        0.029281778031220312, 0.03755082986249569, 0.050294891986168995, 0.057527067284375025, 0.05654707123784046,
        0.049900663195599444, 0.0403237460893314, 0.031136311443377727, 0.02456186962710427, 0.021075833906004263,
        0.019814730452287564, 0.01978531422029891};
    private static final double[] TORCH_PREDICTIONS = {0.7785893555058645, 0.8426904319971544, 0.9103843255334458,
        0.9334743735873199, 1.0026846131893175, 1.0288418647966964, 1.0504234167010085, 1.077810464931584,
        1.0404983404362325, 0.9488355626348771};

    /** The kinds' configurations: the script's defaults for lstm, the searched training for lstm-100. */
    @Test
    void theModelKindsUseTheDocumentedConfigurations() {
        assertEquals("lstm window=50 hidden=40 epochs=200 lr=0.005 weight_decay=0.001",
                ModelKind.parse("lstm").create(17, 0).description());
        assertEquals("lstm window=50 hidden=100 epochs=300 lr=0.0016 weight_decay=0.0014",
                ModelKind.parse("lstm-100").create(17, 0).description());
        assertEquals(LstmForecaster.size100(3).description(), ModelKind.parse("lstm-100").create(30, 3).description());
    }

    @Test
    void trainsAndForecastsAsNeuroBenchsPyTorchModelFromTheSameStart() {
        MackeyGlassTask task = MackeyGlassTask.neuroBench(17);
        // the PyTorch values were computed on the series sampled every maxTime / 1500 from t = 17 (the sampling of
        // NeuroBench's generate_data), so this test keeps that series
        DelaySolution sol = task.solve(1);
        double[] series = new double[task.seriesPoints()];
        for (int i = 0; i < series.length; i++) {
            series[i] = sol.valueAt(17 + i * task.maxTime() / (task.seriesPoints() - 1));
        }
        LstmForecaster m = new LstmForecaster(50, 40, 20, 5e-3, 1e-3, 0);
        MackeyGlassTask.Evaluation e = task.evaluate(m, series);
        double[] losses = m.trainingLosses();
        for (int i = 0; i < TORCH_LOSSES.length; i++) {
            assertEquals(TORCH_LOSSES[i], losses[i], 2e-6 * TORCH_LOSSES[i], "epoch " + i);
        }
        double[] first = java.util.Arrays.copyOf(e.predictions(), 10);
        assertArrayEquals(TORCH_PREDICTIONS, first, 2e-5);
    }

    @Test
    void predictingBeforeFittingOrBadSizesAreRejected() {
        LstmForecaster m = new LstmForecaster(40, 0);
        assertEquals("LSTM: predict before fit",
                assertThrows(IllegalStateException.class, () -> m.predict(1, 2)).getMessage());
        assertEquals("LSTM window and hidden size must be >= 1, got 50 and 0",
                assertThrows(IllegalArgumentException.class, () -> new LstmForecaster(0, 1)).getMessage());
        assertEquals("LSTM: 3 inputs but 2 targets",
                assertThrows(IllegalArgumentException.class, () -> m.fit(new double[3], new double[2]))
                        .getMessage());
        assertEquals("lstm window=50 hidden=40 epochs=200 lr=0.005 weight_decay=0.001", m.description());
    }
}
