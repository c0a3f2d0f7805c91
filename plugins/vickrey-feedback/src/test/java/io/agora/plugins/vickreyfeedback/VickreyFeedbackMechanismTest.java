package io.agora.plugins.vickreyfeedback;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismContext;
import io.agora.api.OutcomeSpace;
import io.agora.api.Parameters;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.api.TypeDraw;
import io.agora.core.audit.AuditConfig;
import io.agora.core.audit.AuditResult;
import io.agora.core.audit.IncentiveAudit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VickreyFeedbackMechanismTest {
    private static final VickreyFeedbackMechanism MECHANISM = new VickreyFeedbackMechanism();
    private static final OutcomeSpace REPLIES = new OutcomeSpace(4, List.of("alpha", "beta", "gamma", "delta"));

    private static Parameters params(Map<String, Object> given) {
        return MECHANISM.parameters().validate(given);
    }

    private static VickreyFeedbackInstance open(Map<String, Object> given) {
        return (VickreyFeedbackInstance) MECHANISM.open(params(given), MechanismContext.of("m", 5));
    }

    private static Report offer(String agent, String reply, double bid) {
        return Report.builder(agent).text(VickreyFeedbackMechanism.REPLY, reply).number(VickreyFeedbackMechanism.BID, bid).build();
    }

    private static RoundInput round(int r, Report... offers) {
        return new RoundInput(r, REPLIES, Policy.uniform(4), List.of(offers));
    }

    private static List<Report> types(VickreyFeedbackInstance market, int seats, int r) {
        List<Report> types = new ArrayList<>();
        for (int s = 0; s < seats; s++) {
            types.add(market.drawType(new TypeDraw("seat-" + s, s, r, REPLIES, new SplittableRandom(r * 100L + s))).orElseThrow());
        }
        return types;
    }

    /** Clears and settles a round as a market does. */
    private static RoundResult play(VickreyFeedbackInstance market, RoundInput round) {
        RoundResult result = market.clear(round);
        Map<String, Double> values = new HashMap<>();
        round.reports().forEach(r -> values.put(r.agent(), market.value(r, round, result)));
        market.settle(new RoundRecord(round, result, values, Set.of()));
        return result;
    }

    @Test
    void theTwoCheapestOffersAreBoughtThePairIsJudgedAndTheWinnersArePaid() {
        VickreyFeedbackInstance market = open(Map.of());
        RoundInput round = round(1, offer("a", "alpha", 0.5), offer("b", "beta", 0.2), offer("c", "gamma", 0.3));
        RoundResult r = market.clear(round);
        double[] g = market.world().quality(1, 4);
        assertThat(r.paymentOf("b")).isEqualTo(-0.5);
        assertThat(r.paymentOf("c")).isEqualTo(-0.5);
        assertThat(r.paymentOf("a")).isZero();
        int chosen = r.diagnostics().get("chosenReply").intValue();
        int rejected = r.diagnostics().get("rejectedReply").intValue();
        assertThat(Set.of(chosen, rejected)).containsExactlyInAnyOrder(1, 2);
        assertThat(g[chosen]).isGreaterThan(g[rejected]);
        assertThat(r.diagnostics().get("qualityGap")).isCloseTo(g[chosen] - g[rejected], within(1e-15));
        assertThat(r.policy().prob(chosen)).isEqualTo(1.0);
        assertThat(r.diagnostics().get("cost")).isEqualTo(1.0);
        // A winner's value is minus its cost; its utility, the price less the cost.
        assertThat(market.value(offer("b", "beta", 0.2), round, r) - r.paymentOf("b")).isCloseTo(0.3, within(1e-15));
        assertThat(market.value(offer("a", "alpha", 0.5), round, r)).isZero();
        // The dataset's row: the bought pair with its QA-DPO weight, from the chosen reply's supplier.
        String supplier = chosen == 1 ? "b" : "c";
        assertThat(market.preferences(new RoundRecord(round, r, Map.of(), Set.of()))).containsExactly(
                new io.agora.api.PreferencePair(chosen, rejected, r.diagnostics().get("qaWeight"), supplier));
        RoundInput same = round(2, offer("a", "alpha", 0.5), offer("b", "beta", 0.2), offer("c", "beta", 0.3));
        assertThat(market.preferences(new RoundRecord(same, market.clear(same), Map.of(), Set.of()))).as("the same reply twice").isEmpty();
    }

    @Test
    void labeledByBidsTheHigherAskIsChosenAndTheQaWeightRises() {
        VickreyFeedbackInstance market = open(Map.of("label", "bids", "pricing", "pay_as_bid"));
        RoundResult r = market.clear(round(1, offer("a", "alpha", 0.5), offer("b", "beta", 0.2), offer("c", "gamma", 0.3)));
        assertThat(r.diagnostics().get("chosenOffer")).isEqualTo(2.0);
        assertThat(r.diagnostics().get("qaWeight")).isCloseTo(0.5 + 1 / (1 + Math.exp(-0.1)), within(1e-12));
        assertThat(r.paymentOf("c")).isEqualTo(-0.3);
    }

    @Test
    void theMarketStopsBuyingWhenAPairWouldOverspendItsBudgetAndTheStateSurvivesASnapshot() {
        VickreyFeedbackInstance market = open(Map.of("budget", 2.5));
        RoundResult first = play(market, round(1, offer("a", "alpha", 0.5), offer("b", "beta", 0.2), offer("c", "gamma", 0.3)));
        RoundResult second = play(market, round(2, offer("a", "alpha", 0.5), offer("b", "beta", 0.2), offer("c", "gamma", 0.3)));
        assertThat(first.diagnostics().get("bought")).isEqualTo(1.0);
        assertThat(second.diagnostics().get("bought")).isEqualTo(1.0);
        assertThat(market.spent()).isEqualTo(2.0);
        RoundResult third = play(market, round(3, offer("a", "alpha", 0.5), offer("b", "beta", 0.2), offer("c", "gamma", 0.3)));
        assertThat(third.diagnostics().get("bought")).isZero();
        assertThat(third.payments()).allSatisfy(p -> assertThat(p.amount()).isZero());
        assertThat(third.notes()).singleElement().asString().contains("stops buying");
        assertThat(market.stopped()).isTrue();
        // A cheaper pair later is not bought either: the market has stopped.
        assertThat(market.clear(round(4, offer("a", "alpha", 0.01), offer("b", "beta", 0.01), offer("c", "gamma", 0.01)))
                .diagnostics().get("bought")).isZero();

        VickreyFeedbackInstance restored = open(Map.of("budget", 2.5));
        restored.restore(market.snapshot().orElseThrow());
        assertThat(restored.spent()).isEqualTo(2.0);
        assertThat(restored.stopped()).isTrue();
        assertThat(restored.snapshot()).isEqualTo(market.snapshot());
        assertThatThrownBy(() -> restored.restore("spent\t-1\nstopped\tno\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("snapshot");
    }

    @Test
    void aReplyMustBeOneOfTheRoundsCandidates() {
        VickreyFeedbackInstance market = open(Map.of());
        assertThatThrownBy(() -> market.validate(offer("a", "omega", 0.1), REPLIES)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reply").hasMessageContaining("candidate replies");
        assertThatThrownBy(() -> market.validate(offer("a", "4", 0.1), OutcomeSpace.of(4))).hasMessageContaining("0 to 3");
        market.validate(offer("a", "3", 0.1), OutcomeSpace.of(4));
        assertThatThrownBy(() -> MECHANISM.reportShape(params(Map.of("reserve", 2))).validate(offer("a", "alpha", 2.5), REPLIES))
                .hasMessageContaining("bid").hasMessageContaining("[0, 2]");
    }

    @Test
    void dealtTypesRepeatAskWithinTheReserveAndCarefulSuppliersOfferBetterReplies() {
        VickreyFeedbackInstance market = open(Map.of());
        assertThat(types(market, 8, 3)).isEqualTo(types(market, 8, 3));
        double careless = 0;
        double careful = 0;
        for (int r = 1; r <= 300; r++) {
            double[] g = market.world().quality(r, 4);
            List<Report> types = types(market, 8, r);
            for (Report t : types) {
                assertThat(t.number(VickreyFeedbackMechanism.BID)).isBetween(0.0, 1.0);
                market.validate(t, REPLIES);
            }
            careless += g[World.outcomeOf(REPLIES, types.get(0).text(VickreyFeedbackMechanism.REPLY))];
            careful += g[World.outcomeOf(REPLIES, types.get(7).text(VickreyFeedbackMechanism.REPLY))];
        }
        assertThat(careful / 300).isGreaterThan(careless / 300 + 0.3);
    }

    /** The audit on dealt types: no misreport pays under k_plus_1; asking above cost pays under pay_as_bid. */
    @Test
    void theAuditFindsNoGainUnderKPlus1AndAGainFromShadingUnderPayAsBid() {
        for (String pricing : List.of("k_plus_1", "pay_as_bid")) {
            VickreyFeedbackInstance market = open(Map.of("pricing", pricing));
            double best = 0;
            for (int r = 1; r <= 20; r++) {
                List<Report> types = types(market, 8, r);
                RoundInput round = new RoundInput(r, REPLIES, Policy.uniform(4), types);
                AuditResult audit = new IncentiveAudit(market, MECHANISM.reportShape(params(Map.of("pricing", pricing))), AuditConfig.defaults())
                        .audit(round, types);
                for (var a : audit.agents()) {
                    assertThat(a.truthfulUtility()).isGreaterThanOrEqualTo(-1e-12);
                    best = Math.max(best, a.maxGain());
                }
            }
            if (pricing.equals("k_plus_1")) {
                assertThat(best).as(pricing).isLessThanOrEqualTo(1e-9);
            } else {
                assertThat(best).as(pricing).isGreaterThan(0.01);
            }
        }
    }

    /** A language model judges the pair from the market's prompt and the replies' texts; what it needs is checked at open. */
    @Test
    void aJudgeModelOrdersThePairByTheRepliesLikelihood() {
        io.agora.api.lm.LanguageModel bandit = io.agora.core.train.Bandit.of("q", new double[] {0.1, 0.2, 0.3, 0.4});
        io.agora.api.lm.LanguageModels models = new io.agora.api.lm.LanguageModels() {
            @Override
            public Set<String> names() {
                return Set.of("judge");
            }

            @Override
            public io.agora.api.lm.LanguageModel model(String name, String field) {
                if (!name.equals("judge")) {
                    throw new InvalidInputException(field, "no language model '" + name + "'");
                }
                return bandit;
            }
        };
        MechanismContext withPrompt = MechanismContext.of("m", 5, Map.of(io.agora.api.lm.LanguageModels.class, models,
                io.agora.api.MarketPrompt.class, new io.agora.api.MarketPrompt("q")));
        var market = MECHANISM.open(params(Map.of("judge", "judge")), withPrompt);
        OutcomeSpace arms = new OutcomeSpace(4, List.of("0", "1", "2", "3"));
        RoundInput round = new RoundInput(1, arms, Policy.uniform(4), List.of(offer("a", "0", 0.2), offer("b", "3", 0.3), offer("c", "1", 0.5)));
        RoundResult r = market.clear(round);
        assertThat(r.diagnostics().get("chosenReply")).isEqualTo(3.0); // arm 3 is the judge's likeliest
        assertThat(r.diagnostics().get("rejectedReply")).isEqualTo(0.0);
        assertThat(r.diagnostics()).doesNotContainKey("qualityGap");
        assertThatThrownBy(() -> market.clear(new RoundInput(1, OutcomeSpace.of(4), Policy.uniform(4),
                List.of(offer("a", "0", 0.2), offer("b", "3", 0.3))))).hasMessageContaining("outcomes");
        assertThatThrownBy(() -> MECHANISM.open(params(Map.of("judge", "judge")), MechanismContext.of("m", 5,
                Map.of(io.agora.api.lm.LanguageModels.class, models)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("params.judge").hasMessageContaining("prompt");
        assertThatThrownBy(() -> MECHANISM.open(params(Map.of("judge", "gpt-9")), withPrompt)).hasMessageContaining("params.judge");
    }

    /**
     * A market that trains: its outcome is a copy of the model fine-tuned by DPO on every pair bought so far, so a reply
     * bought as chosen gains probability round after round; the kept pairs are state and survive a snapshot.
     */
    @Test
    void aTrainingMarketsOutcomeIsThePolicyFineTunedOnTheBoughtPairs() {
        io.agora.api.lm.LanguageModel bandit = io.agora.core.train.Bandit.of("q", new double[] {1, 1, 1, 1});
        io.agora.api.lm.LanguageModels models = new io.agora.api.lm.LanguageModels() {
            @Override
            public Set<String> names() {
                return Set.of("bandit");
            }

            @Override
            public io.agora.api.lm.LanguageModel model(String name, String field) {
                return bandit;
            }
        };
        MechanismContext context = MechanismContext.of("m", 5, Map.of(io.agora.api.lm.LanguageModels.class, models,
                io.agora.api.MarketPrompt.class, new io.agora.api.MarketPrompt("q")));
        Map<String, Object> given = Map.of("train", "dpo", "model", "bandit", "trainSteps", 30, "learningRate", 0.1, "label", "bids");
        VickreyFeedbackInstance market = (VickreyFeedbackInstance) MECHANISM.open(params(given), context);
        OutcomeSpace arms = new OutcomeSpace(4, List.of("0", "1", "2", "3"));
        double previous = 0.25;
        for (int r = 1; r <= 3; r++) {
            // Labeled by the bids: the dearer winner's reply (arm 3) is chosen over the cheaper's (arm r − 1): a new pair each round.
            RoundInput round = new RoundInput(r, arms, Policy.uniform(4), List.of(offer("a", Integer.toString(r - 1), 0.2), offer("b", "3", 0.3),
                    offer("c", "3", 0.5)));
            RoundResult result = play(market, round);
            assertThat(result.diagnostics().get("trainedPairs")).isEqualTo((double) r);
            assertThat(result.policy().prob(3)).as("round %d", r).isGreaterThan(previous);
            previous = result.policy().prob(3);
        }
        VickreyFeedbackInstance restored = (VickreyFeedbackInstance) MECHANISM.open(params(given), context);
        restored.restore(market.snapshot().orElseThrow());
        RoundInput next = new RoundInput(4, arms, Policy.uniform(4), List.of(offer("a", "1", 0.9), offer("b", "2", 0.95)));
        assertThat(restored.clear(next).policy()).isEqualTo(market.clear(next).policy());
        assertThatThrownBy(() -> MECHANISM.open(params(given), MechanismContext.of("m", 5, Map.of(io.agora.api.lm.LanguageModels.class, models))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.train").hasMessageContaining("prompt");
        assertThatThrownBy(() -> MECHANISM.open(params(Map.of("train", "dpo", "trainSteps", 1000, "history", 100000)), context))
                .hasMessageContaining("params.trainSteps");
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> params(Map.of("pricing", "vcg"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("pricing");
        assertThatThrownBy(() -> params(Map.of("budget", -1))).hasMessageContaining("budget");
        assertThatThrownBy(() -> open(Map.of("costs", List.of(0.2, 3.0)))).hasMessageContaining("params.costs[1]");
    }
}
