package io.agora.cli.reproduce;

import io.agora.core.train.Ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Synthetic annotators for the P5 reproductions: each has a type, and ranks the replies it is shown by a
 * Plackett–Luce draw over its type's utilities (a pair is a Bradley–Terry draw).
 */
final class Annotators {
    private Annotators() {
    }

    /** A ranking of {@code shown}, best first, drawn with probabilities ∝ exp(utility) (Plackett–Luce). */
    static Ranking rank(String prompt, List<String> shown, ToDoubleFunction<String> utility, SplittableRandom random) {
        return Ranking.draw(prompt, shown, utility, random);
    }

    /** {@code size} distinct replies of {@code all}, uniformly. */
    static List<String> show(List<String> all, int size, SplittableRandom random) {
        List<String> pool = new ArrayList<>(all);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    /** Type of annotator {@code a} of {@code n} for shares (the first ⌊share·n⌋ of type 0, and so on). */
    static int[] types(int n, double[] shares) {
        int[] out = new int[n];
        int a = 0;
        double cumulative = 0;
        for (int t = 0; t < shares.length; t++) {
            cumulative += shares[t];
            int until = t == shares.length - 1 ? n : (int) Math.round(cumulative * n);
            for (; a < until; a++) {
                out[a] = t;
            }
        }
        return out;
    }
}
