package io.agora.plugins.strategies;

import io.agora.api.FullInformation;
import io.agora.api.Normalization;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundContext;
import io.agora.api.StrategyInstance;
import io.agora.api.StrategyPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StrategiesTest {
    private static final ReportShape SPACE = ReportShape.of(
            ReportComponent.rewards(Report.REWARDS, "rewards", true, Normalization.SUM, 1e-9),
            ReportComponent.number(Report.WEIGHT, "group size", 1, 10, true),
            ReportComponent.number("bid", "a bid", 0, 5, false));
    private static final Report TYPE = Report.ofRewards("g1", new double[] {0.6, 0.3, 0.1}, 3).toBuilder().number("bid", 2).build();

    private static RoundContext context(Optional<FullInformation> info) {
        return new RoundContext("affine-maximizer", 0, OutcomeSpace.of(3), Policy.uniform(3), SPACE, List.of(), info);
    }

    private static StrategyInstance create(StrategyPolicy policy, Map<String, ?> params) {
        return policy.create(policy.parameters().validate(params), 1);
    }

    @Test
    void truthfulReportsTheType() {
        assertThat(create(new Truthful(), Map.of()).report(TYPE, context(Optional.empty()))).isEqualTo(TYPE);
    }

    @Test
    void alphaScalingScalesAndRoundsTheGroupSize() {
        assertThat(create(new AlphaScaling(), Map.of("alpha", 2.0)).report(TYPE, context(Optional.empty())).weight()).isEqualTo(6);
        assertThat(create(new AlphaScaling(), Map.of("alpha", 0.2)).report(TYPE, context(Optional.empty())).weight()).isEqualTo(1);
        assertThat(create(new AlphaScaling(), Map.of("alpha", 9.0)).report(TYPE, context(Optional.empty())).weight()).isEqualTo(10);
    }

    @Test
    void alphaScalingScalesAnyDeclaredNumber() {
        Report shaded = create(new AlphaScaling(), Map.of("alpha", 0.75, "target", "bid")).report(TYPE, context(Optional.empty()));
        assertThat(shaded.number("bid")).isEqualTo(1.5);
        assertThat(shaded.weight()).isEqualTo(3);
        assertThat(create(new AlphaScaling(), Map.of("alpha", 4.0, "target", "bid")).report(TYPE, context(Optional.empty())).number("bid")).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> create(new AlphaScaling(), Map.of("target", "cost")).report(TYPE, context(Optional.empty())))
                .hasMessage("cost: the mechanism's report has no component 'cost'; it has rewards, weight, bid");
    }

    @Test
    void polarizationMovesMassFromWorstToBest() {
        Report r = create(new EpsilonPolarization(), Map.of("epsilon", 0.01)).report(TYPE, context(Optional.empty()));
        assertThat(r.rewards()).containsExactly(new double[] {0.61, 0.3, 0.09}, within(1e-12));
    }

    @Test
    void polarizationIsCappedAtTheSmallestReward() {
        Report r = create(new EpsilonPolarization(), Map.of("epsilon", 0.5)).report(TYPE, context(Optional.empty()));
        assertThat(r.rewards()).containsExactly(new double[] {0.7, 0.3, 0.0}, within(1e-12));
    }

    @Test
    void betaMixingMixesWithTheOthersUnderFullInformation() {
        FullInformation info = new FullInformation() {
            @Override
            public List<Report> othersReports() {
                return List.of(Report.ofRewards("g2", new double[] {0.1, 0.3, 0.6}, 7));
            }

            @Override
            public double utilityOf(Report candidate) {
                return 0;
            }
        };
        Report r = create(new BetaMixing(), Map.of("beta", 0.5)).report(TYPE, context(Optional.of(info)));
        assertThat(r.rewards()).containsExactly(new double[] {0.35, 0.3, 0.35}, within(1e-12));
    }

    @Test
    void randomReportsAreAdmissibleAndSeeded() {
        StrategyInstance a = create(new RandomReport(), Map.of());
        StrategyInstance b = create(new RandomReport(), Map.of());
        for (int i = 0; i < 50; i++) {
            Report r = a.report(TYPE, context(Optional.empty()));
            assertThat(r).isEqualTo(b.report(TYPE, context(Optional.empty())));
            assertThat(Normalization.SUM.violation(r, 1e-12)).isNull();
            assertThat(r.weight()).isBetween(1.0, 10.0);
        }
    }

    @Test
    void bestResponseClimbsTheUtilityItIsGiven() {
        // A utility that rewards putting mass on outcome 2 and a large group size.
        FullInformation info = new FullInformation() {
            @Override
            public List<Report> othersReports() {
                return List.of();
            }

            @Override
            public double utilityOf(Report candidate) {
                return candidate.reward(2) + 0.01 * candidate.weight();
            }
        };
        Report r = create(new BestResponse(), Map.of("iterations", 400)).report(TYPE, context(Optional.of(info)));
        assertThat(info.utilityOf(r)).isGreaterThan(info.utilityOf(TYPE) + 0.5);
    }

    @Test
    void bestResponseWithoutInformationIsTruthful() {
        assertThat(create(new BestResponse(), Map.of()).report(TYPE, context(Optional.empty()))).isEqualTo(TYPE);
    }

    @Test
    void pullRankingKeepsTheFavouriteAndBuriesWhatTheDeployedPolicyFavours() {
        ReportShape ranked = ReportShape.of(ReportComponent.ranking("ranking", "best first", 2), ReportComponent.identifier("annotator", "who", 16));
        Report type = Report.builder("a").ranking("ranking", new int[] {0, 1, 2, 3}).text("annotator", "a").build();
        StrategyInstance pull = create(new PullRanking(), Map.of());
        // Before any round: the reference decides; it favours 1, so 1 goes last.
        RoundContext first = new RoundContext("em-dpo", 1, OutcomeSpace.of(4), Policy.ofProbabilities(new double[] {0.1, 0.6, 0.2, 0.1}),
                ranked, List.of(), Optional.empty());
        assertThat(pull.report(type, first).ranking("ranking")).containsExactly(0, 3, 2, 1);
        // After a round: the deployed policy decides (it favours 2 now).
        io.agora.api.PastRound past = new io.agora.api.PastRound(1, type, type, Policy.ofProbabilities(new double[] {0.1, 0.1, 0.7, 0.1}), 0, 0);
        RoundContext second = new RoundContext("em-dpo", 2, OutcomeSpace.of(4), Policy.uniform(4), ranked, List.of(past), Optional.empty());
        Report report = pull.report(type, second);
        assertThat(report.ranking("ranking")).containsExactly(0, 1, 3, 2);
        assertThat(report.text("annotator")).isEqualTo("a");
        ranked.validate(report, OutcomeSpace.of(4));
        // A report without a ranking is left alone.
        assertThat(pull.report(TYPE, context(Optional.empty()))).isEqualTo(TYPE);
    }

    @Test
    void labelersShadeTowardTheirLabelOrExtremize() {
        Report type = Report.builder("l").number("probability", 0.3).number("preferred", 1).build();
        RoundContext round = context(Optional.empty());
        assertThat(create(new ShadeProbability(), Map.of("alpha", 0.5)).report(type, round).number("probability")).isEqualTo(0.65);
        assertThat(create(new ShadeProbability(), Map.of("alpha", 0.0)).report(type, round)).isEqualTo(type);
        Report noLabel = Report.builder("l").number("probability", 0.3).build();
        assertThat(create(new ShadeProbability(), Map.of("alpha", 1.0)).report(noLabel, round).number("probability")).isEqualTo(0.5);
        assertThat(create(new ExtremizeProbability(), Map.of()).report(type, round).number("probability")).isEqualTo(0.0);
        assertThat(create(new ExtremizeProbability(), Map.of()).report(Report.builder("l").number("probability", 0.5).build(), round)
                .number("probability")).isEqualTo(1.0);
        // A report without a probability is left alone.
        assertThat(create(new ExtremizeProbability(), Map.of()).report(TYPE, round)).isEqualTo(TYPE);
        assertThat(create(new ShadeProbability(), Map.of()).report(TYPE, round)).isEqualTo(TYPE);
    }

    @Test
    void suppliersShadeOrUndercutTheirAskWithinTheReserve() {
        ReportShape offer = ReportShape.of(ReportComponent.text("reply", "the reply", 100), ReportComponent.number("bid", "the ask", 0, 1, false));
        Report type = Report.builder("s").text("reply", "y").number("bid", 0.4).build();
        RoundContext round = new RoundContext("vickrey-feedback", 1, OutcomeSpace.of(2), Policy.uniform(2), offer, List.of(), Optional.empty());
        assertThat(create(new ShadeBid(), Map.of("markup", 0.5)).report(type, round).number("bid")).isCloseTo(0.6, within(1e-15));
        assertThat(create(new ShadeBid(), Map.of("markup", 2.0)).report(type, round).number("bid")).isEqualTo(1.0); // the reserve
        assertThat(create(new Overbid(), Map.of("discount", 0.5)).report(type, round).number("bid")).isCloseTo(0.2, within(1e-15));
        assertThat(create(new Overbid(), Map.of()).report(type, round).text("reply")).isEqualTo("y");
        // A report without a bid is left alone.
        Report noBid = Report.ofRewards("g1", new double[] {0.6, 0.3, 0.1}, 3);
        assertThat(create(new ShadeBid(), Map.of()).report(noBid, context(Optional.empty()))).isEqualTo(noBid);
    }
}
