package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Parameter;
import io.snn4j.core.Tensor;
import io.snn4j.core.train.AdamW;
import io.snn4j.core.train.CosineLR;
import io.snn4j.core.train.Optimizer;
import io.snn4j.core.train.Sgd;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingPartsTest {
    private static final List<Parameter> PARAMS = List.of(new Parameter("w", new Tensor(2)));

    @Test
    void optimizerTypesAndLearningRatesComeFromTheConfig() {
        Optimizer o = TrainingParts.optimizer("x.yaml", Map.of("type", "sgd", "lr", 0.5, "momentum", 0.9), PARAMS);
        assertInstanceOf(Sgd.class, o);
        assertEquals(0.5, o.learningRate(), 1e-12);
        assertInstanceOf(AdamW.class, TrainingParts.optimizer("x.yaml", Map.of("type", "adamw"), PARAMS));
    }

    @Test
    void optimizerMistakesNameTheField() {
        UserError e = assertThrows(UserError.class,
                () -> TrainingParts.optimizer("x.yaml", Map.of("type", "adam", "momentum", 0.9), PARAMS));
        assertTrue(e.getMessage().startsWith("x.yaml: unknown key 'momentum' in section 'training.optimizer'"),
                e.getMessage());
        e = assertThrows(UserError.class,
                () -> TrainingParts.optimizer("x.yaml", Map.of("type", "adam", "lr", -1), PARAMS));
        assertEquals("x.yaml: training.optimizer.lr must be in (0, inf), got -1", e.getMessage());
        e = assertThrows(UserError.class,
                () -> TrainingParts.optimizer("x.yaml", Map.of("type", "rmsprop"), PARAMS));
        assertEquals("x.yaml: training.optimizer.type must be one of adam, adamw, sgd, got 'rmsprop'", e.getMessage());
        e = assertThrows(UserError.class,
                () -> TrainingParts.optimizer("x.yaml", Map.of("type", "adam", "betas", List.of(0.9)), PARAMS));
        assertTrue(e.getMessage().contains("training.optimizer.betas must be a list of two numbers"), e.getMessage());
    }

    @Test
    void lossErrorsComeWithTheValidChoices() {
        assertEquals("ce_rate", TrainingParts.loss("x.yaml", Map.of("type", "ce_rate")).name());
        UserError e = assertThrows(UserError.class, () -> TrainingParts.loss("x.yaml", Map.of("type", "hinge")));
        assertTrue(e.getMessage().startsWith("x.yaml: training.loss: unknown loss 'hinge'"), e.getMessage());
    }

    @Test
    void schedulerCosineDefaultsToTheEpochCountAndStepNeedsItsSize() {
        Optimizer o = TrainingParts.optimizer("x.yaml", Map.of("type", "adam", "lr", 1.0), PARAMS);
        assertNull(TrainingParts.scheduler("x.yaml", null, o, 10));
        var cos = TrainingParts.scheduler("x.yaml", Map.of("type", "cosine"), o, 4);
        assertInstanceOf(CosineLR.class, cos);
        cos.step(3, 0);
        assertEquals(0.0, o.learningRate(), 1e-12, "after t_max = 4 epochs the rate reaches eta_min");
        UserError e = assertThrows(UserError.class,
                () -> TrainingParts.scheduler("x.yaml", Map.of("type", "step"), o, 4));
        assertEquals("x.yaml: training.scheduler.step_size is missing", e.getMessage());
    }

    @Test
    void plateauSchedulerNeedsAValidationSplit() {
        String yaml = "network:\n  layers: [{type: linear, in_features: 64, out_features: 10}]\n"
                + "training:\n  scheduler: {type: plateau}\n";
        UserError e = assertThrows(UserError.class, () -> ExperimentConfig.parse(yaml, "x.yaml"));
        assertTrue(e.getMessage().contains("training.scheduler plateau needs data.validation > 0"), e.getMessage());
    }
}
