package io.agora.plugins.onlineweighting;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.api.TypeDraw;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnlineWeightingMechanismTest {
    private static final OnlineWeightingMechanism MECHANISM = new OnlineWeightingMechanism();
    private static final OutcomeSpace AB = OutcomeSpace.of(2);

    private static OnlineWeightingInstance open(Map<String, Object> params) {
        return (OnlineWeightingInstance) MECHANISM.open(MECHANISM.parameters().validate(params), MechanismContext.of("m", 11));
    }

    /** The types the market deals in round r to {@code seats} seats. */
    private static List<Report> types(MechanismInstance instance, int seats, int r) {
        List<Report> types = new ArrayList<>();
        for (int s = 0; s < seats; s++) {
            types.add(instance.drawType(new TypeDraw("seat-" + s, s, r, AB, new SplittableRandom(r * 100L + s))).orElseThrow());
        }
        return types;
    }

    /** Plays rounds 1..n where each seat reports {@code strategy(seat, type)}; returns each seat's summed value. */
    private static double[] play(MechanismInstance instance, int seats, int rounds, BiFunction<Integer, Report, Report> strategy) {
        double[] total = new double[seats];
        for (int r = 1; r <= rounds; r++) {
            List<Report> types = types(instance, seats, r);
            List<Report> reports = new ArrayList<>();
            for (int s = 0; s < seats; s++) {
                reports.add(strategy.apply(s, types.get(s)));
            }
            RoundInput input = new RoundInput(r, AB, Policy.uniform(2), reports);
            RoundResult result = instance.clear(input);
            Map<String, Double> values = new HashMap<>();
            for (int s = 0; s < seats; s++) {
                double v = instance.value(types.get(s), input, result);
                total[s] += v;
                values.put("seat-" + s, v);
            }
            instance.settle(new RoundRecord(input, result, values, Set.of()));
        }
        return total;
    }

    private static final BiFunction<Integer, Report, Report> TRUTHFUL = (s, type) -> type;

    /** A round's soft label becomes two weighted pairs, A over B with P̂ and B over A with 1 − P̂. */
    @Test
    void theSoftLabelBecomesTwoWeightedPairs() {
        OnlineWeightingInstance market = open(Map.of());
        RoundInput round = new RoundInput(1, AB, Policy.uniform(2), List.of(
                Report.builder("a").number("probability", 0.8).build(), Report.builder("b").number("probability", 0.4).build()));
        RoundResult result = market.clear(round);
        assertThat(market.preferences(new RoundRecord(round, result, Map.of(), Set.of()))).containsExactly(
                new io.agora.api.PreferencePair(0, 1, result.policy().prob(0), null),
                new io.agora.api.PreferencePair(1, 0, 1 - result.policy().prob(0), null));
        assertThat(result.policy().prob(0)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void weightsConcentrateOnTheMostAccurateLabelerAndTheSoftLabelIsTheOutcome() {
        OnlineWeightingInstance instance = open(Map.of("noise", List.of(0.02, 0.2, 0.3, 0.4), "bias", List.of(0.0), "eta", 0.3));
        play(instance, 4, 600, TRUTHFUL);
        Map<String, Double> w = instance.weights();
        assertThat(w.get("seat-0")).isGreaterThan(w.get("seat-1")).isGreaterThan(w.get("seat-3"));
        assertThat(w.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
        RoundInput input = new RoundInput(601, AB, Policy.uniform(2), types(instance, 4, 601));
        RoundResult result = instance.clear(input);
        assertThat(result.policy().prob(0) + result.policy().prob(1)).isCloseTo(1, within(1e-12));
        assertThat(result.diagnostics().get("outcome")).isIn(0.0, 1.0);
        assertThat(result.payments()).allSatisfy(p -> assertThat(p.amount()).isZero());
    }

    @Test
    void theWeightsSurviveARestartExactly() {
        OnlineWeightingInstance before = open(Map.of());
        play(before, 8, 50, TRUTHFUL);
        OnlineWeightingInstance after = open(Map.of());
        after.restore(before.snapshot().orElseThrow());
        assertThat(after.weights()).isEqualTo(before.weights());
        double[] a = play(before, 8, 5, TRUTHFUL);
        double[] b = play(after, 8, 5, TRUTHFUL);
        assertThat(b).containsExactly(a);
        assertThatThrownBy(() -> open(Map.of()).restore("seat-0\tminus")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("snapshot: line 1");
    }

    /**
     * The specification's incentive claim: a labeler that leans to A and wants the label to be 1 gains by shading its
     * report toward 1 under averaging (its weight cannot fall), and loses under the online weights.
     */
    @Test
    void shadingTowardTheOwnLabelPaysUnderAveragingAndNotUnderOnlineWeights() {
        BiFunction<Integer, Report, Report> shading = (s, type) -> s == 6
                ? Report.builder(type.agent()).number("probability", 0.5 * type.number("probability") + 0.5).number("preferred", 1).build()
                : type;
        for (String aggregator : List.of("weighted", "average")) {
            Map<String, Object> params = Map.of("aggregator", aggregator, "eta", 0.2);
            double truthful = play(open(params), 8, 400, TRUTHFUL)[6];
            double shaded = play(open(params), 8, 400, shading)[6];
            if (aggregator.equals("weighted")) {
                assertThat(shaded).as("gain of shading under online weights").isLessThan(truthful);
            } else {
                assertThat(shaded).as("gain of shading under averaging").isGreaterThan(truthful);
            }
        }
    }

    @Test
    void dealtTypesFollowTheWorldAndRepeat() {
        OnlineWeightingInstance instance = open(Map.of("noise", List.of(0.0), "bias", List.of(0.0)));
        Report t = instance.drawType(new TypeDraw("x", 0, 7, AB, new SplittableRandom(1))).orElseThrow();
        assertThat(t.number("probability")).isCloseTo(instance.preference(7), within(1e-15));
        assertThat(t.number("preferred")).isEqualTo(0.5);
        assertThat(instance.drawType(new TypeDraw("x", 0, 7, AB, new SplittableRandom(1))).orElseThrow().number("probability"))
                .isEqualTo(t.number("probability"));
    }

    @Test
    void badMarketsAndParametersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> open(Map.of()).clear(new RoundInput(1, OutcomeSpace.of(3), Policy.uniform(3), List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("outcomes: an online-weighting market compares two replies");
        assertThatThrownBy(() -> open(Map.of("noise", List.of(-0.1)))).hasMessageStartingWith("params.noise[0]: must be in [0.0, 1.0]");
        assertThatThrownBy(() -> MECHANISM.parameters().validate(Map.of("eta", 0.9))).hasMessageContaining("eta");
    }
}
