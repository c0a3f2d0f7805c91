package io.agora.core.train;

import io.agora.api.InvalidInputException;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * An ordered preference over replies to one prompt, best first: a pair for Bradley–Terry (DPO), or three and more
 * for Plackett–Luce, with a weight (1 for plain DPO; the E-step's posterior in EM-DPO; QA-DPO's
 * {@code 0.5 + σ(b_a − b_r)} for bought pairs).
 *
 * @param prompt  the prompt
 * @param replies at least 2 distinct replies, best first
 * @param weight  a finite weight, at least 0
 */
public record Ranking(String prompt, List<String> replies, double weight) {

    /** Checks the fields and copies the replies. */
    public Ranking {
        Objects.requireNonNull(prompt, "prompt");
        replies = List.copyOf(replies);
        if (replies.size() < 2) {
            throw new InvalidInputException("replies", "a ranking needs at least 2 replies, got " + replies.size());
        }
        if (new HashSet<>(replies).size() != replies.size()) {
            throw new InvalidInputException("replies", "a ranking lists each reply once");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new InvalidInputException("weight", "must be a finite number at least 0, got " + weight);
        }
    }

    /** A pair with weight 1: {@code chosen} preferred to {@code rejected}. */
    public static Ranking pair(String prompt, String chosen, String rejected) {
        return new Ranking(prompt, List.of(chosen, rejected), 1.0);
    }

    /**
     * A ranking of {@code shown}, best first, drawn by Plackett–Luce: each next reply with probability ∝
     * exp(utility) among those left (for a pair, a Bradley–Terry draw).
     */
    public static Ranking draw(String prompt, List<String> shown, java.util.function.ToDoubleFunction<String> utility,
                               java.util.SplittableRandom random) {
        List<String> left = new java.util.ArrayList<>(shown);
        List<String> order = new java.util.ArrayList<>();
        while (!left.isEmpty()) {
            double max = Double.NEGATIVE_INFINITY;
            for (String y : left) {
                max = Math.max(max, utility.applyAsDouble(y));
            }
            double total = 0;
            double[] w = new double[left.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.exp(utility.applyAsDouble(left.get(i)) - max);
                total += w[i];
            }
            double u = random.nextDouble() * total;
            int pick = w.length - 1;
            for (int i = 0; i < w.length; i++) {
                u -= w[i];
                if (u < 0) {
                    pick = i;
                    break;
                }
            }
            order.add(left.remove(pick));
        }
        return new Ranking(prompt, order, 1);
    }

    /** The same ranking with another weight. */
    public Ranking withWeight(double w) {
        return new Ranking(prompt, replies, w);
    }
}
