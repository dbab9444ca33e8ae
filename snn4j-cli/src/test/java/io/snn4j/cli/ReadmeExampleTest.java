package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Rng;
import io.snn4j.core.layer.Linear;
import io.snn4j.core.layer.Sequential;
import io.snn4j.core.neuron.Leaky;
import io.snn4j.core.surrogate.Surrogates;
import io.snn4j.core.train.Adam;
import io.snn4j.core.train.BatchSource;
import io.snn4j.core.train.Losses;
import io.snn4j.core.train.Trainer;
import io.snn4j.data.digits.ClassificationDataset;
import io.snn4j.data.digits.Digits;
import io.snn4j.data.digits.RateCodedBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Java example compiles, trains, and is the very code shown in the README. */
class ReadmeExampleTest {

    private static final Path THIS_FILE =
            Path.of("src", "test", "java", "io", "snn4j", "cli", "ReadmeExampleTest.java");

    /** Runs the README example and returns its test accuracy. */
    static double readmeExample() {
        // README-BEGIN
        Rng rng = new Rng(42);
        Sequential net = new Sequential(
                new Linear(64, 128, rng),
                Leaky.builder().beta(0.9f).surrogate(Surrogates.fastSigmoid(25)).build(),
                new Linear(128, 10, rng),
                Leaky.builder().beta(0.9f).surrogate(Surrogates.fastSigmoid(25)).build());

        // 8x8 digits, rate-coded: pixel/16 is the spike probability at each of 25 steps -> [25, B, 64]
        ClassificationDataset.Split data = Digits.load().split(0.2, 42);
        BatchSource train = RateCodedBatches.digits(data.train(), 25, 32, 42, true);
        BatchSource test = RateCodedBatches.digits(data.test(), 25, 32, 43, false);

        Trainer trainer = Trainer.builder(net, Losses.ceCount(), new Adam(net.parameters(), 3e-3)).build();
        trainer.fit(train, test, 5);
        System.out.printf("test accuracy %.3f%n", trainer.evaluate(test).accuracy());
        // README-END
        return trainer.evaluate(test).accuracy();
    }

    @Test
    void exampleTrainsTheDigitsWell() {
        double acc = readmeExample();
        assertTrue(acc >= 0.9, "accuracy " + acc);
    }

    @Test
    void readmeShowsExactlyThisCode() throws Exception {
        List<String> src = Files.readAllLines(THIS_FILE);
        int begin = -1;
        int end = -1;
        for (int i = 0; i < src.size(); i++) {
            if (src.get(i).strip().equals("// README-BEGIN")) {
                begin = i + 1;
            } else if (src.get(i).strip().equals("// README-END")) {
                end = i;
            }
        }
        StringBuilder code = new StringBuilder();
        for (String line : src.subList(begin, end)) {
            code.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains(code), "README.md's Java example differs from ReadmeExampleTest; expected:\n"
                + code);
        assertEquals(-1, readme.indexOf("README-BEGIN"));
    }
}
