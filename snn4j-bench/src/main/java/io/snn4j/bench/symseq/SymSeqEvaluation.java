package io.snn4j.bench.symseq;

import io.snn4j.core.Tensor;
import io.snn4j.core.layer.Network;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * How well a network does on a symbolic-sequence task, per decision, next to three baselines.
 *
 * <p>A decision's prediction is the argmax over classes of the network output summed over the decision's readout
 * steps. Baselines, all computed on the evaluated decisions: <b>chance</b> {@code 1 / classes} (a uniform guess);
 * <b>unigram</b>, the accuracy of always answering the most frequent target class of a reference set (normally
 * the training data); <b>bigram</b>, the accuracy of answering, from the current input symbol alone, the target most
 * often paired with it in the reference set. A network that has learnt anything beyond symbol frequencies beats
 * unigram; one that uses context beyond the current symbol can beat bigram.
 *
 * @param decisions        number of decisions evaluated
 * @param correct          decisions predicted right
 * @param sequences        samples evaluated
 * @param sequencesCorrect samples with every decision right
 * @param confusion        {@code [target][predicted]} counts
 * @param loss             mean per-step cross-entropy ({@link SymSeqLoss})
 * @param chance           {@code 1 / classes}
 * @param unigram          accuracy of the reference's majority class on these decisions
 * @param bigram           accuracy of the reference's current-symbol predictor on these decisions
 */
public record SymSeqEvaluation(int decisions, int correct, int sequences, int sequencesCorrect, int[][] confusion,
                               double loss, double chance, double unigram, double bigram) {

    /** Fraction of decisions predicted right (NaN without decisions). */
    public double accuracy() {
        return decisions == 0 ? Double.NaN : (double) correct / decisions;
    }

    /** Fraction of samples with every decision right. */
    public double sequenceAccuracy() {
        return sequences == 0 ? Double.NaN : (double) sequencesCorrect / sequences;
    }

    /**
     * Runs {@code net} (inference) over epoch 0 of {@code data} and scores every decision.
     *
     * @param reference the data the baselines are estimated from (normally the training set; {@code data}'s own
     *                  samples when null)
     */
    public static SymSeqEvaluation evaluate(Network net, SymSeqBatches data, SymSeqData reference) {
        SymSeqData ref = reference != null ? reference : data.data();
        int c = data.classes();
        if (ref.classes().size() != c) {
            throw new IllegalArgumentException("symseq evaluation: the reference has " + ref.classes().size()
                    + " classes, the data " + c);
        }
        if (!ref.symbols().equals(data.data().symbols())) {
            throw new IllegalArgumentException("symseq evaluation: the reference's input symbols "
                    + ref.symbols() + " differ from the data's " + data.data().symbols());
        }
        int window = data.encoding().window();
        int major = ref.majorityClass();
        int[] bigram = ref.bigramPredictor();
        int[][] confusion = new int[c][c];
        int[] counts = new int[5]; // decisions, correct, unigram right, bigram right, sequences correct
        double lossSum = 0;
        int lossSteps = 0;
        int sequences = 0;
        Iterator<SymSeqBatch> it = data.batches(0);
        while (it.hasNext()) {
            SymSeqBatch b = it.next();
            Tensor out = net.forward(b.input(), false);
            int[] shape = out.shape();
            if (shape.length != 3 || shape[0] != b.steps() || shape[1] != b.size() || shape[2] != c) {
                throw new IllegalArgumentException("symseq evaluation: the network's output is "
                        + Arrays.toString(shape) + ", expected [" + b.steps() + ", " + b.size() + ", " + c
                        + "] (one output per class of " + data.data().task() + ")");
            }
            int steps = 0;
            for (int v : b.targets()) {
                steps += v >= 0 ? 1 : 0;
            }
            lossSum += (double) SymSeqLoss.compute(b, out).value() * steps;
            lossSteps += steps;
            boolean[] ok = new boolean[b.size()];
            Arrays.fill(ok, true);
            SymSeqLoss.forEachDecision(out, b.targets(), window, (bi, position, target, predicted) -> {
                counts[0]++;
                confusion[target][predicted]++;
                if (predicted == target) {
                    counts[1]++;
                } else {
                    ok[bi] = false;
                }
                counts[2] += target == major ? 1 : 0;
                int symbol = data.data().inputRef(b.samples()[bi])[position];
                counts[3] += target == bigram[symbol] ? 1 : 0;
            });
            for (boolean o : ok) {
                counts[4] += o ? 1 : 0;
            }
            sequences += b.size();
        }
        double n = counts[0];
        return new SymSeqEvaluation(counts[0], counts[1], sequences, counts[4], confusion,
                lossSteps == 0 ? Double.NaN : lossSum / lossSteps, 1.0 / c, n == 0 ? Double.NaN : counts[2] / n,
                n == 0 ? Double.NaN : counts[3] / n);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SymSeqEvaluation[accuracy=%.4f over %d decisions, sequences=%.4f, "
                        + "loss=%.4f, chance=%.4f, unigram=%.4f, bigram=%.4f]", accuracy(), decisions,
                sequenceAccuracy(), loss, chance, unigram, bigram);
    }
}
