package io.agora.api;

import java.util.Arrays;

/**
 * A probability distribution over a finite {@link OutcomeSpace}, held in log space so that sharply tilted
 * policies keep their precision. Immutable; outcomes with probability zero have log-probability
 * {@code -Infinity}.
 *
 * <p>Instances are created through the factories, which normalize their input. Accessors that return arrays
 * return copies; use {@link #logProb(int)} and {@link #prob(int)} in loops.
 */
public final class Policy {
    private final double[] logProbs;
    /** The probabilities, computed on first use; a benign race, as every thread computes the same array. */
    private volatile double[] probs;

    private Policy(double[] normalizedLogProbs) {
        this.logProbs = normalizedLogProbs;
    }

    /**
     * A policy proportional to {@code exp(logWeights)}, normalized with log-sum-exp.
     *
     * @param logWeights unnormalized log-weights; each finite or {@code -Infinity}, at least one finite
     * @throws InvalidInputException if the weights are empty, NaN, {@code +Infinity} or all {@code -Infinity}
     */
    public static Policy ofLogWeights(double[] logWeights) {
        if (logWeights.length == 0) {
            throw new InvalidInputException("policy", "must hold at least 1 outcome");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logWeights.length; i++) {
            double w = logWeights[i];
            if (Double.isNaN(w) || w == Double.POSITIVE_INFINITY) {
                throw new InvalidInputException("policy[" + i + "]", "log-weight must be finite or -Infinity, got " + w);
            }
            max = Math.max(max, w);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new InvalidInputException("policy", "must give positive weight to at least one outcome");
        }
        double sum = 0;
        for (double w : logWeights) {
            sum += Math.exp(w - max);
        }
        // Shift before subtracting: adding max back into log Z would lose the low bits of large weights.
        double logSum = Math.log(sum);
        double[] out = new double[logWeights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (logWeights[i] - max) - logSum;
        }
        return new Policy(out);
    }

    /**
     * A policy proportional to {@code weights}.
     *
     * @param weights non-negative finite weights with a positive sum
     * @throws InvalidInputException if a weight is negative, NaN or infinite, or all are zero
     */
    public static Policy ofProbabilities(double[] weights) {
        double[] logs = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (!Double.isFinite(w) || w < 0) {
                throw new InvalidInputException("policy[" + i + "]", "must be a finite number >= 0, got " + w);
            }
            logs[i] = Math.log(w);
        }
        return ofLogWeights(logs);
    }

    /** The uniform policy over {@code size} outcomes. */
    public static Policy uniform(int size) {
        return ofLogWeights(new double[size]);
    }

    /** The number of outcomes m. */
    public int size() {
        return logProbs.length;
    }

    /** {@code log p(y)}; {@code -Infinity} where p(y) = 0. */
    public double logProb(int outcome) {
        return logProbs[outcome];
    }

    /** {@code p(y)}. */
    public double prob(int outcome) {
        return cachedProbabilities()[outcome];
    }

    private double[] cachedProbabilities() {
        double[] p = probs;
        if (p == null) {
            p = new double[logProbs.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.exp(logProbs[i]);
            }
            probs = p;
        }
        return p;
    }

    /** A copy of the log-probabilities. */
    public double[] logProbabilities() {
        return logProbs.clone();
    }

    /** The probabilities, as a new array. */
    public double[] probabilities() {
        return cachedProbabilities().clone();
    }

    /**
     * The expected reward {@code Σ_y p(y)·r(y)} of a report's rewards under this policy, reading them in place.
     *
     * @throws IllegalArgumentException if the report does not have one reward per outcome
     */
    public double expectedReward(Report report) {
        if (report.rewardCount() != logProbs.length) {
            throw new IllegalArgumentException("length " + report.rewardCount() + ", expected " + logProbs.length);
        }
        double[] p = cachedProbabilities();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i] * report.reward(i);
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Policy other && Arrays.equals(logProbs, other.logProbs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(logProbs);
    }

    @Override
    public String toString() {
        return "Policy" + Arrays.toString(probabilities());
    }
}
