package io.agora.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * The current round as one seat sees it: the public context and that seat's private type only.
 *
 * @param marketId    the market
 * @param round       the round number (0 before the first round)
 * @param phase       collecting when reports are taken; otherwise waiting-for-seats, opening, clearing, finished or closed
 * @param deadline    when the round stops taking reports (while collecting)
 * @param mechanism   the mechanism's id
 * @param reference   the reference policy over the outcomes
 * @param reportShape what a report must look like: its components, in order, with their rules
 * @param type        this seat's private type (while collecting), in the form of a report: the report a truthful
 *                    bot submits
 * @param reported    whether this seat already has a stored report in the round
 * @param prompt      the prompt the market's rounds answer, or null
 * @param outcomes    the outcomes' texts (the candidate replies), or null when they are named by their index
 */
public record RoundView(String marketId, int round, MarketPhase phase, Instant deadline, String mechanism, double[] reference,
                        List<ReportComponentView> reportShape, ObjectNode type, boolean reported, String prompt, List<String> outcomes) {

    /** Whether the round takes reports now. */
    public boolean collecting() {
        return phase == MarketPhase.COLLECTING;
    }

    /** Whether the market will open no more rounds. */
    public boolean over() {
        return phase != null && phase.over();
    }
}
