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

    /** The same ranking with another weight. */
    public Ranking withWeight(double w) {
        return new Ranking(prompt, replies, w);
    }
}
