package io.agora.api;

/**
 * One round an agent took part in, as the agent saw it afterwards.
 *
 * @param round   the round number
 * @param type    the agent's true type in that round
 * @param report  what the agent reported
 * @param policy  the round's outcome
 * @param payment what the agent paid
 * @param utility the agent's realized utility (value minus payment)
 */
public record PastRound(int round, Report type, Report report, Policy policy, double payment, double utility) {
}
