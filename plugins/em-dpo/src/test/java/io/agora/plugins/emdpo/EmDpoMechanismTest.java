package io.agora.plugins.emdpo;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismContext;
import io.agora.api.MechanismInstance;
import io.agora.api.OutcomeSpace;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.api.lm.Capabilities;
import io.agora.api.lm.Completion;
import io.agora.api.lm.LanguageModel;
import io.agora.api.lm.LanguageModels;
import io.agora.api.lm.SampleRequest;
import io.agora.core.train.Bandit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EmDpoMechanismTest {
    private static final EmDpoMechanism MECHANISM = new EmDpoMechanism();

    /** A host serving one model under the name "bandit". */
    private static MechanismContext context(LanguageModel model) {
        LanguageModels models = new LanguageModels() {
            @Override
            public Set<String> names() {
                return Set.of("bandit");
            }

            @Override
            public LanguageModel model(String name, String field) {
                if (!name.equals("bandit")) {
                    throw new InvalidInputException(field, "no language model '" + name + "'");
                }
                return model;
            }
        };
        return MechanismContext.of("m", 7, Map.of(LanguageModels.class, models));
    }

    private static MechanismInstance open(Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(Map.of("model", "bandit"));
        all.putAll(params);
        return MECHANISM.open(MECHANISM.parameters().validate(all), context(Bandit.of("bandit", new double[] {1, 1, 1})));
    }

    /** Ten annotators: three rank the arms 0 > 1 > 2, seven rank them 2 > 1 > 0. */
    private static RoundInput round(int number) {
        List<Report> reports = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            int[] order = a < 3 ? new int[] {0, 1, 2} : new int[] {2, 1, 0};
            reports.add(Report.builder("seat-" + a).ranking(EmDpoMechanism.RANKING, order).text(EmDpoMechanism.ANNOTATOR, "ann-" + a).build());
        }
        return new RoundInput(number, OutcomeSpace.of(3), Policy.uniform(3), reports);
    }

    private static RoundResult play(MechanismInstance instance, int rounds) {
        RoundResult last = null;
        for (int r = 1; r <= rounds; r++) {
            RoundInput input = round(r);
            last = instance.clear(input);
            instance.settle(new RoundRecord(input, last, Map.of(), Set.of()));
        }
        return last;
    }

    /** A kept ranking becomes the pairs it implies, each with its annotator; a missed seat's filled-in ranking does not. */
    @Test
    void aRankingBecomesEveryPairItImplies() {
        MechanismInstance market = open(Map.of());
        RoundInput round = new RoundInput(1, OutcomeSpace.of(3), Policy.uniform(3), List.of(
                Report.builder("a").ranking("ranking", new int[] {2, 0, 1}).text("annotator", "ann").build(),
                Report.builder("b").ranking("ranking", new int[] {1, 0}).text("annotator", "ben").build()));
        RoundRecord record = new RoundRecord(round, new RoundResult(Policy.uniform(3), List.of()), Map.of(), Set.of("b"));
        assertThat(market.preferences(record)).containsExactly(new io.agora.api.PreferencePair(2, 0, 1, "ann"),
                new io.agora.api.PreferencePair(2, 1, 1, "ann"), new io.agora.api.PreferencePair(0, 1, 1, "ann"));
    }

    @Test
    void findsBothTypesAndProtectsTheMinorityAgainstTheShareWeightedMixture() {
        RoundResult mmra = play(open(Map.of()), 3);
        RoundResult shares = play(open(Map.of("aggregation", "shares")), 3);
        double s0 = mmra.diagnostics().get("share.0");
        assertThat(Math.min(s0, 1 - s0)).isCloseTo(0.3, within(0.01));
        assertThat(mmra.diagnostics().get("maxRegret")).isLessThanOrEqualTo(shares.diagnostics().get("maxRegret") + 1e-9);
        // The minority likes arm 0: min-max regret gives it more than a mixture by shares does.
        assertThat(mmra.policy().prob(0)).isGreaterThan(shares.policy().prob(0));
        assertThat(mmra.payments()).allSatisfy(p -> assertThat(p.amount()).isZero());
    }

    @Test
    void oneTypeIsTheSingleDpoBaseline() {
        RoundResult single = play(open(Map.of("types", 1)), 2);
        assertThat(single.diagnostics().get("mixture.0")).isCloseTo(1.0, within(1e-12));
        // The majority's arm 2 wins a single policy.
        assertThat(single.policy().prob(2)).isGreaterThan(single.policy().prob(0));
    }

    @Test
    void aRestoredInstanceClearsExactlyAsTheOriginal() {
        MechanismInstance original = open(Map.of());
        play(original, 2);
        MechanismInstance restored = open(Map.of());
        restored.restore(original.snapshot().orElseThrow());
        RoundResult a = original.clear(round(3));
        RoundResult b = restored.clear(round(3));
        for (int y = 0; y < 3; y++) {
            assertThat(b.policy().prob(y)).isEqualTo(a.policy().prob(y));
        }
        assertThatThrownBy(() -> open(Map.of()).restore("ann\t0,9\n")).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("snapshot:");
    }

    @Test
    void theValueIsTheExpectedPositionScore() {
        MechanismInstance instance = open(Map.of());
        RoundInput input = round(1);
        RoundResult result = new RoundResult(Policy.ofProbabilities(new double[] {0.5, 0.5, 0}), List.of());
        Report prefersZero = input.reports().get(0);
        assertThat(instance.value(prefersZero, input, result)).isCloseTo(0.5 * 1 + 0.5 * 2 / 3.0, within(1e-15));
    }

    /**
     * A model without candidate sets of its own (a neural model, say) is restricted to another model's. Here it is
     * the bandit's own policy hiding its candidates, so the restriction changes nothing and the clearing must match
     * the bandit's: the gradient chained through the candidates' normalizer is the softmax's own.
     */
    @Test
    void aModelWithoutCandidateSetsIsRestrictedToAnotherModelsSets() {
        LanguageModel bandit = Bandit.of("bandit", new double[] {1, 1, 1});
        LanguageModel open = new Wrapped(bandit, "open", new Capabilities(true, true, false), null);
        LanguageModels models = new LanguageModels() {
            @Override
            public Set<String> names() {
                return Set.of("bandit", "open");
            }

            @Override
            public LanguageModel model(String name, String field) {
                return switch (name) {
                    case "bandit" -> bandit;
                    case "open" -> open;
                    default -> throw new InvalidInputException(field, "no language model '" + name + "'");
                };
            }
        };
        MechanismContext context = MechanismContext.of("m", 7, Map.of(LanguageModels.class, models));
        RoundResult direct = play(MECHANISM.open(MECHANISM.parameters().validate(Map.of("model", "bandit")), context), 2);
        RoundResult restricted = play(MECHANISM.open(MECHANISM.parameters().validate(Map.of("model", "open", "candidates", "bandit")), context), 2);
        for (int y = 0; y < 3; y++) {
            assertThat(restricted.policy().prob(y)).isCloseTo(direct.policy().prob(y), within(1e-9));
        }
        assertThatThrownBy(() -> MECHANISM.open(MECHANISM.parameters().validate(Map.of("model", "open", "candidates", "open")), context))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("params.candidates: model 'open' has no finite candidate sets");
    }

    /** Dealt types with latent structure: a seat keeps its type, and its rankings follow its type's utility. */
    @Test
    void latentAnnotatorTypesAreDealtPerSeatAndFollowTheirUtility() {
        LanguageModel bandit = Bandit.of("bandit", new double[] {1, 1, 1});
        LanguageModel scored = new Wrapped(bandit, "bandit", bandit.capabilities(), prompt -> {
            List<io.agora.api.lm.Candidate> out = new ArrayList<>();
            for (io.agora.api.lm.Candidate c : bandit.candidates(prompt)) {
                out.add(new io.agora.api.lm.Candidate(c.text(), Map.of("score", (double) out.size())));
            }
            return out;
        });
        MechanismInstance market = MECHANISM.open(MECHANISM.parameters().validate(Map.of("model", "bandit",
                "annotatorShares", List.of(0.5, 0.5), "annotatorUtilities", "score:60, score:-60")), context(scored));
        java.util.Set<String> orders = new java.util.HashSet<>();
        for (int seat = 0; seat < 20; seat++) {
            String first = null;
            for (int round = 1; round <= 3; round++) {
                Report type = market.drawType(new io.agora.api.TypeDraw("ann " + seat, seat, round, OutcomeSpace.of(3),
                        new java.util.SplittableRandom(round * 31L + seat))).orElseThrow();
                assertThat(type.text(EmDpoMechanism.ANNOTATOR)).isEqualTo("ann-" + seat);
                String order = java.util.Arrays.toString(type.ranking(EmDpoMechanism.RANKING));
                assertThat(order).isIn("[2, 1, 0]", "[0, 1, 2]");
                first = first == null ? order : first;
                assertThat(order).as("seat %d keeps its type", seat).isEqualTo(first);
            }
            orders.add(first);
        }
        assertThat(orders).as("both types are dealt").hasSize(2);
        assertThat(open(Map.of()).drawType(new io.agora.api.TypeDraw("a", 0, 1, OutcomeSpace.of(3), new java.util.SplittableRandom(1))))
                .as("without latent types the host draws").isEmpty();
        assertThatThrownBy(() -> open(Map.of("annotatorShares", List.of(1.0), "annotatorUtilities", "score")))
                .hasMessageStartingWith("params.annotatorUtilities: entry 0 must be attribute:weight");
        assertThatThrownBy(() -> open(Map.of("annotatorShares", List.of(1.0, 1.0), "annotatorUtilities", "score:1")))
                .hasMessageStartingWith("params.annotatorUtilities: needs one attribute:weight per type");
    }

    @Test
    void modelsThatCannotServeAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> MECHANISM.open(MECHANISM.parameters().validate(Map.of()), MechanismContext.of("m", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("params.model: this host offers no language models");
        LanguageModel samplingOnly = new LanguageModel() {
            @Override
            public String name() {
                return "bandit";
            }

            @Override
            public Capabilities capabilities() {
                return Capabilities.samplingOnly();
            }

            @Override
            public List<List<Completion>> sample(List<SampleRequest> requests) {
                return List.of();
            }
        };
        assertThatThrownBy(() -> MECHANISM.open(MECHANISM.parameters().validate(Map.of("model", "bandit")), context(samplingOnly)))
                .hasMessageStartingWith("params.model: model 'bandit' cannot serve em-dpo").hasMessageContaining("it only samples");
        assertThatThrownBy(() -> open(Map.of("prompt", "other"))).hasMessageStartingWith("params.prompt:");
        assertThatThrownBy(() -> open(Map.of()).clear(new RoundInput(1, OutcomeSpace.of(4), Policy.uniform(4), List.of())))
                .hasMessageStartingWith("outcomes: the market has 4 outcomes, but its prompt has 3");
    }

    @Test
    void theWorkOfAClearingIsBoundedBeforeAnyWork() {
        // The history keeps the latest rankings only: three rounds of ten, at most ten kept, the oldest dropped first.
        MechanismInstance bounded = open(Map.of("history", 10));
        play(bounded, 3);
        String snapshot = bounded.snapshot().orElseThrow();
        assertThat(snapshot.lines()).hasSize(10);
        assertThat(snapshot).startsWith("ann-0\t0,1,2\n");
        // The work of one clearing (optimizer steps times kept rankings) is bounded when the market opens.
        assertThatThrownBy(() -> open(Map.of("types", 4, "emSteps", 10, "mSteps", 100)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("params.mSteps: types × emSteps × mSteps × history (the work of one clearing) must be at most 10000000, got 20000000");
        open(Map.of("types", 4, "emSteps", 10, "mSteps", 100, "history", 2_500)); // the same steps over fewer rankings fit
    }

    /**
     * The bandit under another name and capabilities, optionally with other candidate sets: a model without finite
     * sets of its own, or one whose candidates carry attributes.
     */
    private record Wrapped(LanguageModel inner, String name, Capabilities capabilities,
                           java.util.function.Function<String, List<io.agora.api.lm.Candidate>> candidateSets) implements LanguageModel {
        @Override
        public List<List<Completion>> sample(List<SampleRequest> requests) {
            return inner.sample(requests);
        }

        @Override
        public double[] score(List<io.agora.api.lm.PromptReply> replies) {
            return inner.score(replies);
        }

        @Override
        public List<String> prompts() {
            return inner.prompts();
        }

        @Override
        public List<io.agora.api.lm.Candidate> candidates(String prompt) {
            return candidateSets == null ? inner.candidates(prompt) : candidateSets.apply(prompt);
        }

        @Override
        public io.agora.api.lm.TrainablePolicy trainable(io.agora.api.lm.TrainingSettings settings) {
            return inner.trainable(settings);
        }
    }
}
