package io.snn4j.cli;

import io.snn4j.core.train.Callback;
import io.snn4j.core.train.EpochMetrics;
import io.snn4j.core.train.Trainer;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress on stderr: a live progress bar (epoch, loss, accuracy, samples/s, ETA) on a
 * terminal, one plain line per epoch otherwise (logs, CI, tests).
 */
final class Progress implements Callback {
    private final PrintWriter plain;
    private final PrintStream terminal;
    private final int samplesPerEpoch;
    private final String valLabel;
    private int firstEpoch;
    private int totalEpochs;
    private ProgressBar bar;
    private long started;
    private long samplesSeen;
    private double lossSum;
    private int correct;
    private int seen;

    /**
     * @param plain           where epoch lines go when there is no terminal
     * @param terminal        the terminal's stream for the live bar, or null for plain lines
     * @param samplesPerEpoch training samples per epoch
     * @param valLabel        what the per-epoch evaluation measures: "val" or "test"
     */
    Progress(PrintWriter plain, PrintStream terminal, int samplesPerEpoch, String valLabel) {
        this.plain = plain;
        this.terminal = terminal;
        this.samplesPerEpoch = samplesPerEpoch;
        this.valLabel = valLabel;
    }

    /** Whether stderr is a terminal: the launcher tells (it can test fd 2; Java cannot). */
    static boolean stderrIsTerminal() {
        String p = System.getProperty("snn4j.stderr.tty");
        if (p != null) {
            return p.equals("true");
        }
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void onTrainStart(Trainer trainer, int epochs, int batchesPerEpoch) {
        started = System.nanoTime();
        // After a resume the trainer's history already holds the finished epochs.
        firstEpoch = trainer.history().size();
        totalEpochs = epochs;
        if (terminal != null) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(
                            (long) samplesPerEpoch * Math.max(1, totalEpochs - firstEpoch))
                    .setConsumer(consumer(terminal))
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1)
                    .showSpeed(new java.text.DecimalFormat("#"))
                    .setUpdateIntervalMillis(200).build();
        }
    }

    /** Terminals that do not report a width (some pseudo-terminals say 0) get a sensible one. */
    private static ConsoleProgressBarConsumer consumer(PrintStream terminal) {
        ConsoleProgressBarConsumer c = new ConsoleProgressBarConsumer(terminal);
        return c.getMaxRenderedLength() >= 60 ? c : new ConsoleProgressBarConsumer(terminal, 100);
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss, int correct, int size) {
        samplesSeen += size;
        lossSum += loss * size;
        this.correct += correct;
        seen += size;
        if (bar != null) {
            bar.stepBy(size);
            bar.setExtraMessage(String.format(Locale.ROOT, " | epoch %d/%d loss %.3f acc %.3f", epoch + 1,
                    totalEpochs, lossSum / seen, this.correct / (double) seen));
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochMetrics m) {
        lossSum = 0;
        correct = 0;
        seen = 0;
        if (bar != null) {
            return;
        }
        double secs = (System.nanoTime() - started) / 1e9;
        double rate = samplesSeen / Math.max(secs, 1e-9);
        int done = m.epoch() + 1 - firstEpoch;
        int left = totalEpochs - m.epoch() - 1;
        Duration eta = Duration.ofMillis(Math.round(secs / Math.max(done, 1) * left * 1000));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.4f",
                m.epoch() + 1, totalEpochs, m.trainLoss(), m.trainAcc()));
        if (!Double.isNaN(m.valAcc())) {
            s.append(String.format(Locale.ROOT, "  %s loss %.4f  %s acc %.4f", valLabel, m.valLoss(), valLabel,
                    m.valAcc()));
        }
        s.append(String.format(Locale.ROOT, "  %.0f samples/s  eta %d:%02d", rate, eta.toMinutes(),
                eta.toSecondsPart()));
        plain.println(s);
        plain.flush();
    }

    @Override
    public void onTrainEnd(Trainer trainer) {
        close();
    }

    /** Ends the live bar (also when training failed). */
    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
