package io.agora.core.audit;

import io.agora.api.Report;

import java.util.Map;

/**
 * The audit of one agent: its truthful utility and payment, and the most it gains by misreporting.
 *
 * @param agent            the agent
 * @param truthfulUtility  {@code u_i(t_i)} with the others' reports fixed
 * @param truthfulPayment  its payment when truthful
 * @param maxGain          {@code max u_i(t'_i) − u_i(t_i)} over every misreport tried (≤ 0 means truth was best)
 * @param bestFamily       the family of the best misreport ({@code truthful} when none beat truth)
 * @param bestReport       the best report found
 * @param gainByFamily     the best gain within each family
 * @param irViolated       whether the truthful utility is below zero (beyond the tolerance)
 * @param negativePayment  whether the truthful payment is below zero (beyond the tolerance)
 */
public record AgentAudit(String agent, double truthfulUtility, double truthfulPayment, double maxGain,
                         String bestFamily, Report bestReport, Map<String, Double> gainByFamily,
                         boolean irViolated, boolean negativePayment) {
}
