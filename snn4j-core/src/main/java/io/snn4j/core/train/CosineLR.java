package io.snn4j.core.train;

/**
 * PyTorch's {@code CosineAnnealingLR} in closed form: after {@code k} completed epochs the rate is
 * {@code etaMin + (base - etaMin) (1 + cos(pi k / tMax)) / 2} (it rises again after {@code tMax}, as PyTorch's).
 */
public final class CosineLR implements Scheduler {
    private final Optimizer opt;
    private final double base;
    private final int tMax;
    private final double etaMin;

    /**
     * @param tMax   epochs of the half cosine, >= 1
     * @param etaMin lowest rate, >= 0
     */
    public CosineLR(Optimizer opt, int tMax, double etaMin) {
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineLR: tMax must be >= 1 epoch, got " + tMax);
        }
        if (!(etaMin >= 0) || Double.isInfinite(etaMin)) {
            throw new IllegalArgumentException("CosineLR: etaMin must be >= 0, got " + etaMin);
        }
        this.opt = opt;
        this.base = opt.learningRate();
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    public void step(int epoch, double metric) {
        int k = epoch + 1;
        opt.setLearningRate(etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * k / tMax)) / 2);
    }
}
