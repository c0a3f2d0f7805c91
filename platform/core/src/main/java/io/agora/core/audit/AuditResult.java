package io.agora.core.audit;

import java.util.List;

/**
 * The audit of a round: one entry per audited agent, and the summary figures.
 *
 * @param agents           per-agent audits
 * @param maxGain          the largest gain from misreporting over all agents (empirical ε of ε-IC)
 * @param irViolations     how many agents have negative truthful utility
 * @param negativePayments how many agents are paid (negative payment) when truthful
 */
public record AuditResult(List<AgentAudit> agents, double maxGain, int irViolations, int negativePayments) {

    /** Aggregates per-agent audits. */
    public static AuditResult of(List<AgentAudit> agents) {
        double max = agents.stream().mapToDouble(AgentAudit::maxGain).max().orElse(0);
        int ir = (int) agents.stream().filter(AgentAudit::irViolated).count();
        int neg = (int) agents.stream().filter(AgentAudit::negativePayment).count();
        return new AuditResult(List.copyOf(agents), max, ir, neg);
    }
}
