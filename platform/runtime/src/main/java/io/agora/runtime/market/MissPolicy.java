package io.agora.runtime.market;

import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;

/** What a market does for a seat that has no report when the round clears (it missed the deadline or its strategy failed). */
public enum MissPolicy {
    /** The platform reports the seat's true type on its behalf (hosted markets know it). */
    TRUTHFUL("truthful"),
    /** The seat sits the round out: it is not in the round the mechanism clears. */
    ABSTAIN("abstain"),
    /**
     * The seat files the least report: zero rewards, made admissible (uniform under sum normalization, all ones
     * under max), and every number at its minimum; rankings and texts are its type's.
     */
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
    Report fill(Report type, ReportShape shape) {
        return switch (this) {
            case TRUTHFUL -> type;
            case ABSTAIN -> null;
            case ZERO -> least(type, shape);
        };
    }

    private static Report least(Report type, ReportShape shape) {
        Report.Builder b = type.toBuilder();
        for (ReportComponent c : shape.components()) {
            if (c instanceof ReportComponent.Rewards r && type.has(r.name())) {
                b.numbers(r.name(), r.admissible(new double[type.length(r.name())]));
            } else if (c instanceof ReportComponent.Scalar s && type.has(s.name())) {
                b.number(s.name(), s.min());
            }
        }
        return b.build();
    }
}
