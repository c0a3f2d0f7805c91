package io.agora.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agora.api.Normalization;
import io.agora.api.ReportComponent;

/**
 * One component of a mechanism's report as the API and the SDK describe it: its field name, its kind and the rules of
 * that kind (the fields of other kinds are absent).
 *
 * @param name          the report's field name
 * @param kind          {@code rewards} (one number per outcome), {@code number}, {@code ranking} (outcome indices, best
 *                      first), {@code text} or {@code id}
 * @param description   what the component means
 * @param required      whether every report must carry it
 * @param rule          the rules in words, as the command line shows them
 * @param nonNegative   rewards: whether every reward must be ≥ 0
 * @param normalization rewards: sum, max or none
 * @param tolerance     rewards: how far the normalized quantity may be from 1
 * @param minimum       number: the smallest value
 * @param maximum       number: the largest value
 * @param integer       number: whether it is a whole number
 * @param minItems      ranking: the fewest outcomes listed
 * @param maxLength     text and id: the most characters
 * @param unit          number: {@code probability} or {@code money} (a bid, a price); absent for a plain number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportComponentView(String name, String kind, String description, boolean required, String rule,
                                  Boolean nonNegative, String normalization, Double tolerance, Double minimum, Double maximum,
                                  Boolean integer, Integer minItems, Integer maxLength, String unit) {

    /** The view of a declared component. */
    public static ReportComponentView of(ReportComponent c) {
        String rule = ReportJson.describe(c);
        if (c instanceof ReportComponent.Rewards r) {
            return new ReportComponentView(r.name(), r.kind(), r.description(), true, rule, r.nonNegative(), r.normalization().id(),
                    r.tolerance(), null, null, null, null, null, null);
        }
        if (c instanceof ReportComponent.Scalar s) {
            return new ReportComponentView(s.name(), s.kind(), s.description(), s.required(), rule, null, null, null, s.min(), s.max(),
                    s.integer(), null, null, s.unit() == ReportComponent.Scalar.Unit.NUMBER ? null : s.unit().id());
        }
        if (c instanceof ReportComponent.Ranking k) {
            return new ReportComponentView(k.name(), k.kind(), k.description(), true, rule, null, null, null, null, null, null,
                    k.minLength(), null, null);
        }
        ReportComponent.Text t = (ReportComponent.Text) c;
        return new ReportComponentView(t.name(), t.kind(), t.description(), t.required(), rule, null, null, null, null, null, null,
                null, t.maxLength(), null);
    }

    /**
     * The component this view describes, for clients that build reports from it.
     *
     * @throws IllegalArgumentException for an unknown kind or missing rules
     */
    public ReportComponent component() {
        return switch (kind) {
            case "rewards" -> new ReportComponent.Rewards(name, description, Boolean.TRUE.equals(nonNegative),
                    Normalization.of(normalization), tolerance == null ? 0 : tolerance);
            case "number" -> new ReportComponent.Scalar(name, description, minimum, maximum, Boolean.TRUE.equals(integer), required,
                    ReportComponent.Scalar.Unit.of(unit));
            case "ranking" -> new ReportComponent.Ranking(name, description, minItems);
            case "text", "id" -> new ReportComponent.Text(name, description, maxLength, kind.equals("id"), required);
            default -> throw new IllegalArgumentException("unknown report component kind '" + kind + "'");
        };
    }
}
