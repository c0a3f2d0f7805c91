package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A report, in the shape of the round JSON format (the seat is implied by the URL). P1 reports carry
 * {@code rewards} and {@code weight}; other mechanisms use {@code feedback}, {@code bid} or {@code ranking}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportBody(double[] rewards, Double weight, Double feedback, Double bid, int[] ranking) {

    /** A reward report. */
    public static ReportBody ofRewards(double[] rewards, double weight) {
        return new ReportBody(rewards, weight, null, null, null);
    }
}
