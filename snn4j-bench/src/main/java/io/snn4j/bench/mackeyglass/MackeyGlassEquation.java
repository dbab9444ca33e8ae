package io.snn4j.bench.mackeyglass;

/**
 * The Mackey-Glass delay differential equation
 * {@code dx/dt = beta x(t - tau) / (1 + x(t - tau)^n) - gamma x(t)} for {@code t > 0}, with the constant history
 * {@code x(t) = constantPast} for {@code t <= 0}. Time is in the equation's own (dimensionless) units.
 *
 * @param beta         production rate ({@link #BETA} in NeuroBench)
 * @param gamma        decay rate, >= 0 ({@link #GAMMA})
 * @param n            exponent of the Hill term ({@link #N})
 * @param tau          delay, > 0 (NeuroBench uses 17 to 30)
 * @param constantPast value of the constant history, > 0 ({@link #CONSTANT_PAST})
 */
public record MackeyGlassEquation(double beta, double gamma, double n, double tau, double constantPast) {

    public static final double BETA = 0.2;
    public static final double GAMMA = 0.1;
    public static final double N = 10;
    public static final double CONSTANT_PAST = 0.7206597;

    /** Checks the parameters; every message names the parameter and what it accepts. */
    public MackeyGlassEquation {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be a finite number > 0, got " + tau);
        }
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number, got " + beta);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a finite number >= 0, got " + gamma);
        }
        if (!Double.isFinite(n)) {
            throw new IllegalArgumentException("n must be a finite number, got " + n);
        }
        if (!(constantPast > 0) || Double.isInfinite(constantPast)) {
            throw new IllegalArgumentException("the constant past must be a finite number > 0, got " + constantPast);
        }
    }

    /** NeuroBench's equation for this delay: beta 0.2, gamma 0.1, n 10, constant past 0.7206597. */
    public static MackeyGlassEquation neuroBench(double tau) {
        return new MackeyGlassEquation(BETA, GAMMA, N, tau, CONSTANT_PAST);
    }

    /** The right-hand side for the current value {@code x} and the delayed value {@code delayed = x(t - tau)}. */
    public double rhs(double x, double delayed) {
        return beta * delayed / (1 + Math.pow(delayed, n)) - gamma * x;
    }
}
