package io.agora.runtime.market;

import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;

import java.util.SplittableRandom;

/**
 * How an agent's private type is drawn each round, component by component of the mechanism's report shape: the
 * reward vector ({@value Report#REWARDS}) uniform on [0,1]^m then normalized by this spec's normalization, and the
 * weight ({@value Report#WEIGHT}, a group size) fixed or uniform over a range of whole numbers; every other
 * component is drawn uniformly from its declared rules ({@link ReportShape#draw}).
 *
 * @param normalization how the drawn rewards are normalized; {@code null}: as the mechanism's reward vector declares
 * @param minWeight     the smallest group size
 * @param maxWeight     the largest group size (equal to {@code minWeight} for a fixed size)
 */
public record TypeSpec(Normalization normalization, long minWeight, long maxWeight) {
    private static final Report NOTHING = Report.builder("nobody").build();

    /** Rewards normalized as the mechanism's reward vector declares (sum when it declares none), weights in a range. */
    public static TypeSpec asDeclared(long minWeight, long maxWeight) {
        return new TypeSpec(null, minWeight, maxWeight);
    }

    /** {@code agent} as an id: characters outside letters, digits and {@code . _ : -} become '-', and a long one keeps its end. */
    static String idOf(String agent, int maxLength) {
        String id = agent.replaceAll("[^A-Za-z0-9._:-]", "-");
        return id.length() <= maxLength ? id : id.substring(id.length() - maxLength);
    }

    /**
     * Draws a type for {@code agent}, in the order of the shape's components. A required id component is the agent's
     * own name (as an id), so that an agent keeps one identity across rounds; every other component is drawn.
     */
    public Report draw(String agent, ReportShape shape, OutcomeSpace outcomes, SplittableRandom random) {
        Report.Builder type = Report.builder(agent);
        for (ReportComponent c : shape.components()) {
            if (c.name().equals(Report.REWARDS) && c instanceof ReportComponent.Rewards declared) {
                double[] r = new double[outcomes.size()];
                for (int y = 0; y < r.length; y++) {
                    r[y] = random.nextDouble();
                }
                type.numbers(Report.REWARDS, (normalization != null ? normalization : declared.normalization()).normalize(r));
            } else if (c.name().equals(Report.WEIGHT) && c instanceof ReportComponent.Scalar) {
                type.number(Report.WEIGHT, minWeight == maxWeight ? minWeight : minWeight + random.nextLong(maxWeight - minWeight + 1));
            } else if (c instanceof ReportComponent.Text t && t.identifier() && t.required()) {
                // An id in a type says who the agent is (an annotator, a supplier): the same for every round it plays.
                type.text(t.name(), idOf(agent, t.maxLength()));
            } else {
                ReportShape.draw(c, NOTHING, type, outcomes, random);
            }
        }
        return type.build();
    }
}
