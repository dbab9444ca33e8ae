package io.snn4j.cli;

import io.snn4j.bench.neurobench.EnergyCosts;
import io.snn4j.bench.neurobench.NeuroBench;
import io.snn4j.bench.neurobench.Results;
import io.snn4j.core.layer.Layer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tasks {@code snn4j bench --task} runs. */
final class BenchTasks {
    private BenchTasks() {
    }

    /** A task's name and what it does, for {@code --list}. */
    record Task(String name, String description) {
    }

    /** Classification tasks: a trained model on a data set's test split. */
    static final List<String> CLASSIFICATION = List.of("digits", "fashion_mnist", "mnist", "fsdd", "nmnist", "shd",
            "ssc", "dvs_gesture");

    static List<Task> all() {
        List<Task> l = new ArrayList<>();
        for (String c : CLASSIFICATION) {
            l.add(new Task(c, "classification: --model (.snn/.nir) on the " + c + " test split (--data PATH)"));
        }
        return l;
    }

    static List<String> names() {
        List<String> l = new ArrayList<>();
        for (Task t : all()) {
            l.add(t.name());
        }
        return l;
    }

    static BenchCommand.Outcome run(BenchCommand c, PrintWriter err, EnergyCosts costs) {
        String t = c.task.toLowerCase(Locale.ROOT).replace('-', '_');
        if (CLASSIFICATION.contains(t)) {
            return classification(c, t, err, costs);
        }
        throw c.usage("--task: unknown task '" + c.task + "'; valid: " + String.join(", ", names()));
    }

    /**
     * The model on the test split of a data set, prepared as the model's training config says when it was trained
     * on that data set (steps, coding, frames), else with the data set's defaults.
     */
    private static BenchCommand.Outcome classification(BenchCommand c, String dataset, PrintWriter err,
                                                       EnergyCosts costs) {
        Layer net = c.loadModel();
        Map<String, Object> trained = c.modelConfig();
        Map<String, Object> cfgMap = new LinkedHashMap<>();
        boolean same = trained != null && trained.get("data") instanceof Map<?, ?> d && dataset.equals(d.get("dataset"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dataMap = same ? new LinkedHashMap<>((Map<String, Object>) trained.get("data"))
                : new LinkedHashMap<>();
        dataMap.put("dataset", dataset);
        if (c.data != null) {
            dataMap.put("path", c.data.toString());
        }
        if (c.limit > 0) {
            dataMap.put("limit", c.limit);
        }
        dataMap.remove("validation");
        cfgMap.put("data", dataMap);
        cfgMap.put("network", Map.of("layers", List.of(Map.of("type", "flatten"))));
        ExperimentConfig cfg = ExperimentConfig.parse(Experiment.yaml(cfgMap), "bench --task " + dataset);
        boolean flatten = firstIsDense(net);
        ExperimentData data = ExperimentData.prepare(cfg, "bench --task " + dataset, flatten, err);
        List<String> names = c.metricNames(BenchCommand.classification());
        NeuroBench.Options opts = NeuroBench.Options.classification().withEnergy(costs);
        Results res = BenchCommand.runBench(net, NeuroBench.batches(data.test(), 0), names, opts, c.model);
        Map<String, String> about = new LinkedHashMap<>();
        about.put("model", c.model + (c.preset != null ? " (preset " + c.preset + ")" : ""));
        about.put("task", dataset + " classification, test split (" + res.samples() + " samples)");
        about.put("input", data.inputKind() + (same ? ", as in the model's training config" : ", task defaults"));
        about.put("postprocessor", "choose_max_count (the class with the most output spikes)");
        return new BenchCommand.Outcome(dataset, "snn4j bench: " + dataset + " classification", about, res,
                Map.of(), Map.of());
    }

    /** Whether the network takes flat vectors (its first weighted layer is not a convolution). */
    private static boolean firstIsDense(Layer net) {
        if (net instanceof io.snn4j.core.layer.Network n) {
            for (Layer l : n.namedLayers().values()) {
                String t = l.type();
                if (t.equals("conv2d") || t.equals("conv1d")) {
                    return false;
                }
                if (t.equals("linear") || t.equals("lstm") || t.equals("gru") || t.equals("rnn")) {
                    return true;
                }
            }
        }
        return true;
    }
}
