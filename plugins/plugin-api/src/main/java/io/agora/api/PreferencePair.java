package io.agora.api;

/**
 * One preference a settled round produced, for datasets: outcome {@code chosen} preferred to outcome
 * {@code rejected}, with a weight (a bought pair's QA-DPO weight, a soft label's probability) and, where the
 * preference comes from one annotator, its id. Hosts export pairs with the round's prompt and the outcomes' texts
 * in the preference format DPO trainers read.
 *
 * @param chosen    the preferred outcome's index
 * @param rejected  the other outcome's index, different from {@code chosen}
 * @param weight    a finite weight {@code >= 0}
 * @param annotator who stated the preference, or {@code null}
 */
public record PreferencePair(int chosen, int rejected, double weight, String annotator) {

    /** Checks the indices and the weight. */
    public PreferencePair {
        if (chosen < 0 || rejected < 0 || chosen == rejected) {
            throw new IllegalArgumentException("a preference pair needs two different outcomes, got " + chosen + " and " + rejected);
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a preference pair's weight must be finite and >= 0, got " + weight);
        }
    }
}
