package io.snn4j.core.train;

/**
 * PyTorch's {@code StepLR}: after {@code k} completed epochs the learning rate is
 * {@code base * gamma^floor(k / stepSize)}, where {@code base} is the optimizer's rate at construction.
 */
public final class StepLR implements Scheduler {
    private final Optimizer opt;
    private final double base;
    private final int stepSize;
    private final double gamma;

    /**
     * @param stepSize epochs between decays, >= 1
     * @param gamma    multiplicative decay, > 0
     */
    public StepLR(Optimizer opt, int stepSize, double gamma) {
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize must be >= 1 epoch, got " + stepSize);
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("StepLR: gamma must be > 0, got " + gamma);
        }
        this.opt = opt;
        this.base = opt.learningRate();
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public void step(int epoch, double metric) {
        opt.setLearningRate(base * Math.pow(gamma, (epoch + 1) / stepSize));
    }
}
