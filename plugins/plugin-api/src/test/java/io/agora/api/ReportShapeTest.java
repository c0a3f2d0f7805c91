package io.agora.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A declared shape validates reports of any mechanism by component, and builds admissible and random ones. */
class ReportShapeTest {
    private static final OutcomeSpace THREE = OutcomeSpace.of(3);
    private static final ReportShape P1 = ReportShape.of(
            ReportComponent.rewards("rewards", "reward models", true, Normalization.SUM, 1e-9),
            ReportComponent.number("weight", "group size", 1, 10, true));
    private static final ReportShape ANNOTATION = ReportShape.of(
            ReportComponent.ranking("ranking", "replies best first", 2),
            ReportComponent.identifier("annotator", "who ranked", 40),
            ReportComponent.text("reply", "a reply", 20).optional(),
            ReportComponent.probability("confidence", "how sure"));

    @Test
    void acceptsReportsThatFit() {
        P1.validate(Report.ofRewards("a", new double[] {0.5, 0.25, 0.25}, 3), THREE);
        ANNOTATION.validate(Report.builder("a").ranking("ranking", new int[] {2, 0}).text("annotator", "h-7")
                .number("confidence", 0.9).build(), THREE);
    }

    @Test
    void namesTheComponentAndTheRuleBroken() {
        assertThatThrownBy(() -> P1.validate(Report.ofRewards("a", new double[] {0.5, 0.5}, 3), THREE))
                .hasMessage("rewards: length 2, expected 3 (the number of outcomes)");
        assertThatThrownBy(() -> P1.validate(Report.ofRewards("a", new double[] {1.5, -0.5, 0}, 3), THREE))
                .hasMessage("rewards[1]: must be >= 0 (reward models are non-negative), got -0.5");
        assertThatThrownBy(() -> P1.validate(Report.ofRewards("a", new double[] {0.2, 0.2, 0.2}, 3), THREE))
                .hasMessage("rewards: must sum to 1 (sum normalization), sum is 0.6000000000000001");
        assertThatThrownBy(() -> P1.validate(Report.ofRewards("a", new double[] {1, 0, 0}, 2.5), THREE))
                .hasMessage("weight: must be a whole number (group size), got 2.5");
        assertThatThrownBy(() -> P1.validate(Report.ofRewards("a", new double[] {1, 0, 0}, 11), THREE))
                .hasMessage("weight: must be in [1, 10] (group size), got 11");
        assertThatThrownBy(() -> P1.validate(Report.builder("a").numbers("rewards", new double[] {1, 0, 0}).build(), THREE))
                .hasMessage("weight: is required (group size)");
        assertThatThrownBy(() -> P1.validate(Report.ofRewards("a", new double[] {1, 0, 0}, 1).toBuilder().number("bid", 1).build(), THREE))
                .hasMessage("bid: is not part of this mechanism's report; it takes rewards, weight");
        assertThatThrownBy(() -> P1.validate(Report.builder("a").text("rewards", "x").number("weight", 1).build(), THREE))
                .hasMessage("rewards: must be a list of numbers, one per outcome (reward models)");
    }

    @Test
    void checksRankingsAndTexts() {
        Report.Builder ok = Report.builder("a").ranking("ranking", new int[] {2, 0}).text("annotator", "h-7").number("confidence", 1);
        assertThatThrownBy(() -> ANNOTATION.validate(ok.ranking("ranking", new int[] {1}).build(), THREE))
                .hasMessage("ranking: must list between 2 and 3 distinct outcomes (replies best first), got 1");
        assertThatThrownBy(() -> ANNOTATION.validate(ok.ranking("ranking", new int[] {1, 1}).build(), THREE))
                .hasMessage("ranking[1]: outcome 1 is listed twice");
        assertThatThrownBy(() -> ANNOTATION.validate(ok.ranking("ranking", new int[] {1, 3}).build(), THREE))
                .hasMessage("ranking[1]: must be an outcome index in [0, 2], got 3");
        Report.Builder ranked = ok.ranking("ranking", new int[] {1, 0});
        assertThatThrownBy(() -> ANNOTATION.validate(ranked.text("annotator", "h 7").build(), THREE))
                .hasMessage("annotator: only letters, digits and . _ : - (who ranked)");
        assertThatThrownBy(() -> ANNOTATION.validate(ranked.text("annotator", "h").text("reply", "x".repeat(21)).build(), THREE))
                .hasMessage("reply: at most 20 characters (a reply), got 21");
        assertThatThrownBy(() -> ANNOTATION.validate(ranked.text("reply", "a\u0000b").build(), THREE))
                .hasMessage("reply: must not contain control characters (a reply)");
    }

    @Test
    void randomReportsAndProjectionsAreAdmissible() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            Report p1 = P1.random("a", THREE, random);
            P1.validate(p1, THREE);
            Report annotation = ANNOTATION.random("a", THREE, random);
            ANNOTATION.validate(annotation, THREE);
            assertThat(annotation.ranking("ranking")).hasSize(3);
        }
        Report projected = P1.admissible(Report.ofRewards("a", new double[] {2, -1, 2}, 12.4));
        assertThat(projected.rewards()).containsExactly(0.5, 0, 0.5);
        assertThat(projected.weight()).isEqualTo(10);
        assertThat(ANNOTATION.adjustable()).extracting(ReportComponent::name).containsExactly("ranking", "confidence");
    }

    @Test
    void rejectsBadDeclarations() {
        assertThatThrownBy(() -> ReportShape.of(ReportComponent.probability("p", "x"), ReportComponent.probability("p", "y")))
                .hasMessage("report component 'p' is declared twice");
        assertThatThrownBy(() -> ReportComponent.probability("agent", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportComponent.number("bid", "x", 0, Double.POSITIVE_INFINITY, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ReportShape(List.of(ReportComponent.probability("p", "x"))).names()).containsExactly("p");
    }
}
