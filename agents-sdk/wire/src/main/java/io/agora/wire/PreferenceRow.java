package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One row of a market's dataset, in the preference format DPO trainers read (TRL's {@code prompt}, {@code chosen},
 * {@code rejected}), with the pair's weight and who stated it. The dataset is JSON lines, one row per line.
 *
 * @param prompt    the market's prompt ("" when it has none)
 * @param chosen    the preferred reply's text (its outcome index when the market's outcomes are unlabeled)
 * @param rejected  the other reply's text (or index)
 * @param weight    the pair's weight: a bought pair's QA-DPO weight, a soft label's probability, 1 for a ranking
 * @param annotator who stated the preference (an annotator id, the chosen reply's supplier), absent when nobody in particular
 * @param round     the round that produced it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferenceRow(String prompt, String chosen, String rejected, double weight, String annotator, int round) {
}
