package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentConfigTest {

    private static final String LAYERS = """
            network:
              layers:
                - {type: linear, in_features: 64, out_features: 10}
                - {type: leaky, beta: 0.9}
            """;

    private static String errorOf(String yaml) {
        return assertThrows(UserError.class, () -> ExperimentConfig.parse(yaml, "exp.yaml")).getMessage();
    }

    @Test
    void minimalConfigGetsTheDocumentedDefaults() {
        ExperimentConfig c = ExperimentConfig.parse(LAYERS, "exp.yaml");
        assertEquals("digits", c.data().dataset());
        assertEquals(25, c.data().steps());
        assertEquals(0.2, c.data().split());
        assertEquals(64, c.data().batchSize());
        assertEquals(10, c.training().epochs());
        assertEquals(42, c.training().seed());
        assertEquals(Map.of("type", "adam", "lr", 1e-3), c.training().optimizer());
        assertEquals("ce_count", c.training().loss().get("type"));
        assertNull(c.training().scheduler());
        assertEquals(1, c.training().checkpointEvery());
        assertTrue(c.output().report());
        assertEquals(2, c.layers().size());
    }

    @Test
    void unknownKeyNamesTheKeyItsSectionAndTheValidKeys() {
        String m = errorOf(LAYERS + "training:\n  epoch: 3\n");
        assertTrue(m.startsWith("exp.yaml: unknown key 'epoch' in section 'training'"), m);
        assertTrue(m.contains("valid keys: epochs, seed"), m);
        m = errorOf(LAYERS + "trainin:\n  epochs: 3\n");
        assertTrue(m.contains("unknown key 'trainin' in the top level; valid keys: data, network, training, output"),
                m);
    }

    @Test
    void negativeTimeCheckpointingIsRejectedNamingTheKey() {
        String m = errorOf(LAYERS + "training:\n  time_checkpoint_every: -2\n");
        assertTrue(m.contains("training.time_checkpoint_every"), m);
        assertEquals(0, ExperimentConfig.parse(LAYERS, "exp.yaml").training().timeCheckpointEvery());
    }

    @Test
    void wrongTypeNamesTheField() {
        String m = errorOf(LAYERS + "training:\n  epochs: ten\n");
        assertEquals("exp.yaml: training.epochs must be an integer, got 'ten'", m);
        m = errorOf(LAYERS + "data:\n  split: 1.5\n");
        assertEquals("exp.yaml: data.split must be in (0, 1), got 1.5", m);
        m = errorOf(LAYERS + "output:\n  report: maybe\n");
        assertEquals("exp.yaml: output.report must be true or false, got 'maybe'", m);
        m = errorOf(LAYERS + "data:\n  dataset: cifar10\n");
        assertEquals("exp.yaml: data.dataset must be one of digits, fashion_mnist, mnist, fsdd, nmnist, shd, ssc, dvs_gesture, got 'cifar10'", m);
    }

    @Test
    void networkSectionIsRequiredAndLayersNeedATypes() {
        assertTrue(errorOf("training:\n  epochs: 1\n").contains("network is missing"));
        String m = errorOf("network:\n  layers:\n    - {in_features: 3}\n");
        assertEquals("exp.yaml: network.layers[0] needs a 'type' such as linear or leaky", m);
    }

    @Test
    void invalidYamlNamesTheLine() {
        String m = errorOf("network:\n  layers: [\n");
        assertTrue(m.startsWith("exp.yaml: line "), m);
        assertTrue(m.contains("not valid YAML"), m);
        m = errorOf(LAYERS + "training:\n  epochs: 1\n  epochs: 2\n");
        assertTrue(m.contains("epochs"), m);
    }

    @Test
    void earlyStoppingRefusesToWatchTheTestSplit() {
        String m = errorOf(LAYERS + "training:\n  early_stopping: {patience: 2}\n");
        assertTrue(m.contains("training.early_stopping needs data.validation > 0"), m);
        ExperimentConfig c = ExperimentConfig.parse(LAYERS + "data:\n  validation: 0.1\n"
                + "training:\n  early_stopping: {patience: 2}\n", "exp.yaml");
        assertEquals(2, c.training().earlyStopping().get("patience"));
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path f = dir.resolve("nope.yaml");
        UserError e = assertThrows(UserError.class, () -> ExperimentConfig.read(f));
        assertEquals(f + ": no such file (expected a YAML experiment config)", e.getMessage());
    }

    @Test
    void examplesDigitsYamlIsTheDemoConfig() throws Exception {
        Path example = Path.of("..", "examples", "digits.yaml");
        assertTrue(Files.exists(example), "examples/digits.yaml is missing");
        assertEquals(DemoCommand.config().toMap(), ExperimentConfig.read(example).toMap());
    }

    @Test
    void overridesReplaceOnlyWhatIsGiven() {
        ExperimentConfig c = ExperimentConfig.parse(LAYERS, "exp.yaml").withOverrides(3, null, 1, "out");
        assertEquals(3, c.training().epochs());
        assertEquals(42, c.training().seed());
        assertEquals(1, c.training().threads());
        assertEquals("out", c.output().dir());
    }
}
