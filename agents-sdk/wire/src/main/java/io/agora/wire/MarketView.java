package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A market as anyone signed in sees it.
 *
 * @param id             the market's id
 * @param phase          waiting-for-seats, opening, collecting, clearing, finished or closed
 * @param round          the current round (0 before the first)
 * @param seated         how many seats are taken
 * @param params         the mechanism's parameters (absent in the market list: get the market for them)
 * @param reference      the reference policy (absent in the market list)
 * @param budget         what the market may pay out beyond what it takes in; absent for a market without a limit
 * @param prompt         the prompt the market's rounds answer; absent when it has none
 * @param outcomes       the outcomes' texts (the candidate replies); absent when they are unlabeled, and in the market list
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MarketView(String id, String name, String mechanism, Map<String, Object> params, double[] reference,
                         int seats, int seated, int rounds, long deadlineMillis, String missPolicy, MarketPhase phase,
                         int round, String owner, Instant createdAt, Double budget, String prompt, List<String> outcomes) {
}
