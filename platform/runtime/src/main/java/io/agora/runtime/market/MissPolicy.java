package io.agora.runtime.market;

import io.agora.api.Report;
import io.agora.api.ReportSpace;

/** What a market does for a seat that has no report when the round clears (it missed the deadline or its strategy failed). */
public enum MissPolicy {
    /** The platform reports the seat's true type on its behalf (hosted markets know it). */
    TRUTHFUL("truthful"),
    /** The seat sits the round out: it is not in the round the mechanism clears. */
    ABSTAIN("abstain"),
    /** The seat reports zero rewards, made admissible (uniform under sum normalization, all ones under max). */
    ZERO("zero");

    private final String id;

    MissPolicy(String id) {
        this.id = id;
    }

    /** The name used in configs. */
    public String id() {
        return id;
    }

    /** The policy named {@code id}, or {@code null}. */
    public static MissPolicy byId(String id) {
        for (MissPolicy p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        return null;
    }

    /** The report filed for a seat that missed, or {@code null} when it abstains. */
    Report fill(Report type, ReportSpace space) {
        return switch (this) {
            case TRUTHFUL -> type;
            case ABSTAIN -> null;
            case ZERO -> space.admissible(type.withRewards(new double[type.rewardCount()], space.minWeight()));
        };
    }
}
