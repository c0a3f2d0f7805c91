package io.agora.cli.round;

import io.agora.api.RoundResult;

import java.util.List;
import java.util.Map;

/**
 * A cleared round with each agent's payment, value and utility (value under its true type when known,
 * otherwise under its report) and the welfare (the sum of the values).
 *
 * @param mechanism the mechanism id
 * @param result    the mechanism's result
 * @param payments  payment per agent, in report order
 * @param values    value per agent
 * @param utilities value minus payment per agent
 * @param welfare   the sum of the values
 * @param notes     remarks from reading the input and from the mechanism
 */
public record ClearedRound(String mechanism, RoundResult result, Map<String, Double> payments, Map<String, Double> values,
                           Map<String, Double> utilities, double welfare, List<String> notes) {
}
