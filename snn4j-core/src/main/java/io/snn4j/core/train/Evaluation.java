package io.snn4j.core.train;

/**
 * The result of {@link Trainer#evaluate}: mean loss, accuracy, and each sample's prediction and label in the
 * order the batch source produced them.
 */
public final class Evaluation {
    private final double loss;
    private final int[] predictions;
    private final int[] labels;

    public Evaluation(double loss, int[] predictions, int[] labels) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException("Evaluation: " + predictions.length + " predictions but "
                    + labels.length + " labels");
        }
        this.loss = loss;
        this.predictions = predictions.clone();
        this.labels = labels.clone();
    }

    /** Mean loss per sample (batch losses weighted by batch size); NaN when there were no samples. */
    public double loss() {
        return loss;
    }

    /** Fraction of correct predictions in [0, 1]; NaN when there were no samples. */
    public double accuracy() {
        if (labels.length == 0) {
            return Double.NaN;
        }
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == predictions[i]) {
                ok++;
            }
        }
        return (double) ok / labels.length;
    }

    public int[] predictions() {
        return predictions.clone();
    }

    public int[] labels() {
        return labels.clone();
    }

    public int samples() {
        return labels.length;
    }

    /** {@code m[label][prediction]} counts, with as many classes as the largest label or prediction + 1. */
    public int[][] confusionMatrix() {
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            n = Math.max(n, Math.max(labels[i], predictions[i]) + 1);
        }
        return confusionMatrix(n);
    }

    /** {@code m[label][prediction]} counts over {@code classes} classes. */
    public int[][] confusionMatrix(int classes) {
        int[][] m = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || predictions[i] < 0) {
                throw new IllegalArgumentException("confusionMatrix: sample " + i + " has label " + labels[i]
                        + " and prediction " + predictions[i] + "; a confusion matrix needs classes >= 0 (this loss "
                        + "predicts no class for some samples)");
            }
            if (labels[i] >= classes || predictions[i] >= classes) {
                throw new IllegalArgumentException("confusionMatrix: class " + Math.max(labels[i], predictions[i])
                        + " does not fit " + classes + " classes");
            }
            m[labels[i]][predictions[i]]++;
        }
        return m;
    }

    @Override
    public String toString() {
        return String.format("Evaluation[loss=%.6f, accuracy=%.4f, samples=%d]", loss, accuracy(), labels.length);
    }
}
