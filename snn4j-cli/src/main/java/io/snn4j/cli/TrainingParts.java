package io.snn4j.cli;

import io.snn4j.core.Parameter;
import io.snn4j.core.train.Adam;
import io.snn4j.core.train.AdamW;
import io.snn4j.core.train.CosineLR;
import io.snn4j.core.train.Loss;
import io.snn4j.core.train.Losses;
import io.snn4j.core.train.Optimizer;
import io.snn4j.core.train.ReduceOnPlateau;
import io.snn4j.core.train.Scheduler;
import io.snn4j.core.train.Sgd;
import io.snn4j.core.train.StepLR;
import java.util.List;
import java.util.Map;

/** Builds the optimizer, loss and scheduler named in a config's {@code training} section. */
final class TrainingParts {
    private TrainingParts() {
    }

    static Optimizer optimizer(String source, Map<String, Object> spec, List<Parameter> params) {
        ConfigSection s = new ConfigSection(source, "training.optimizer", spec);
        String type = s.choice("type", "adam", "adam", "adamw", "sgd");
        try {
            switch (type) {
                case "sgd" -> {
                    s.checkKeys("type", "lr", "momentum", "dampening", "weight_decay", "nesterov");
                    return new Sgd(params, s.positive("lr", 0.01), s.number("momentum", 0),
                            s.number("dampening", 0), s.number("weight_decay", 0), s.bool("nesterov", false));
                }
                default -> {
                    s.checkKeys("type", "lr", "betas", "eps", "weight_decay");
                    double[] betas = betas(s);
                    double lr = s.positive("lr", 1e-3);
                    double eps = s.number("eps", 1e-8);
                    if (type.equals("adamw")) {
                        return new AdamW(params, lr, betas[0], betas[1], eps, s.number("weight_decay", 0.01));
                    }
                    return new Adam(params, lr, betas[0], betas[1], eps, s.number("weight_decay", 0));
                }
            }
        } catch (IllegalArgumentException e) {
            throw s.error("training.optimizer: " + e.getMessage());
        }
    }

    private static double[] betas(ConfigSection s) {
        Object v = s.values().get("betas");
        if (v == null) {
            return new double[] {0.9, 0.999};
        }
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        throw s.error("betas", "must be a list of two numbers such as [0.9, 0.999], got " + ConfigSection.show(v));
    }

    static Loss loss(String source, Map<String, Object> spec) {
        ConfigSection s = new ConfigSection(source, "training.loss", spec);
        try {
            return Losses.fromName(s.string("type", "ce_count"), s.withoutType());
        } catch (IllegalArgumentException e) {
            throw s.error("training.loss: " + e.getMessage());
        }
    }

    /** The scheduler, or null when the config has none; {@code epochs} is the default cosine period. */
    static Scheduler scheduler(String source, Map<String, Object> spec, Optimizer opt, int epochs) {
        if (spec == null) {
            return null;
        }
        ConfigSection s = new ConfigSection(source, "training.scheduler", spec);
        String type = s.choice("type", null, "step", "cosine", "plateau");
        try {
            switch (type) {
                case "step" -> {
                    s.checkKeys("type", "step_size", "gamma");
                    s.require("step_size");
                    return new StepLR(opt, s.integer("step_size", 1, 1), s.positive("gamma", 0.1));
                }
                case "cosine" -> {
                    s.checkKeys("type", "t_max", "eta_min");
                    return new CosineLR(opt, s.integer("t_max", epochs, 1), s.number("eta_min", 0));
                }
                default -> {
                    s.checkKeys("type", "mode", "factor", "patience", "threshold", "cooldown", "min_lr");
                    ReduceOnPlateau.Mode mode = s.choice("mode", "min", "min", "max").equals("min")
                            ? ReduceOnPlateau.Mode.MIN : ReduceOnPlateau.Mode.MAX;
                    return new ReduceOnPlateau(opt, mode, s.number("factor", 0.1), s.integer("patience", 10, 0),
                            s.number("threshold", 1e-4), s.integer("cooldown", 0, 0), s.number("min_lr", 0));
                }
            }
        } catch (IllegalArgumentException e) {
            throw s.error("training.scheduler: " + e.getMessage());
        }
    }
}
