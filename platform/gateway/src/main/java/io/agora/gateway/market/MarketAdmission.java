package io.agora.gateway.market;

import io.agora.api.InvalidInputException;
import io.agora.api.OutcomeSpace;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.Report;
import io.agora.api.ReportComponent;
import io.agora.api.ReportShape;
import io.agora.api.RoundInput;
import io.agora.api.RoundResult;
import io.agora.api.TypeDraw;
import io.agora.gateway.boot.Platform;
import io.agora.gateway.web.Ids;
import io.agora.gateway.web.Params;
import io.agora.gateway.web.ProblemException;
import io.agora.gateway.web.WireJson;
import io.agora.runtime.market.MissPolicy;
import io.agora.runtime.market.PublicReason;
import io.agora.runtime.market.TypeSpec;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.PluginFailureException;
import io.agora.wire.MarketCreate;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Admits a new market: checks the request field by field, then that every round it will run can work. A truthful
 * report must fit the request body limit (or every round would fall back to the miss policy), a round's types must
 * fit in memory, and the mechanism must clear a round of truthful types with finite payments and values under the
 * requested parameters (λ = 1e-320 once made every round fail with NaN payments).
 */
@ApplicationScoped
public class MarketAdmission {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The largest budget a market may be opened with. */
    private static final double MAX_BUDGET = 1e12;
    /**
     * Bytes of the longest double as JSON text (such as {@code -1.2345678901234567E-300}) plus its comma: the report
     * size bound per outcome.
     */
    static final int BYTES_PER_REWARD = 25;
    /** The rest of a report: braces, field names, the weight. */
    static final int REPORT_OVERHEAD = 64;
    private final Platform platform;
    private final long bodyLimit;
    private final long maxSeatOutcomes;

    MarketAdmission(Platform platform, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit,
                    @ConfigProperty(name = "agora.markets.max-seat-outcomes") long maxSeatOutcomes) {
        this.platform = platform;
        this.bodyLimit = bodyLimit.asLongValue();
        this.maxSeatOutcomes = maxSeatOutcomes;
    }

    /** The most outcomes a market may have so that any valid report fits the body limit. */
    public int maxOutcomes() {
        return (int) Math.min(Integer.MAX_VALUE, (bodyLimit - REPORT_OVERHEAD) / BYTES_PER_REWARD);
    }

    /** The row of a new market from {@code request}, or a 400 naming the field and the rule. */
    MarketEntity admit(MarketCreate request, String owner) {
        if (request.mechanism() == null || request.mechanism().isBlank()) {
            throw ProblemException.badRequest("mechanism", "required (a mechanism plugin id, such as affine-maximizer)");
        }
        if (!platform.plugins().mechanisms().containsKey(request.mechanism())) {
            throw ProblemException.badRequest("mechanism", "no mechanism '" + request.mechanism() + "'; installed: " + platform.plugins().mechanisms().keySet());
        }
        Map<String, Object> params = request.params() == null ? Map.of() : request.params();
        GuardedMechanism mechanism;
        try {
            // A throwaway instance, to check the parameters and clear the probe round; the market opens its own.
            mechanism = GuardedMechanism.open(platform.plugins().mechanism(request.mechanism(), "mechanism"), params,
                    platform.plugins().context("admission", 0, request.prompt()));
        } catch (InvalidInputException e) {
            throw ProblemException.badRequest(e.field().startsWith("params") ? e.field() : "params." + e.field(), e.rule());
        } catch (PluginFailureException e) {
            throw new ProblemException(422, "params", PublicReason.of(e.getMessage()));
        }
        long seed = request.seed() == null ? RANDOM.nextLong() : request.seed();
        String prompt = text("prompt", request.prompt());
        double[] reference = request.reference();
        List<String> given = request.outcomes();
        if (request.generate() != null) {
            if (reference != null || given != null) {
                throw ProblemException.badRequest("generate", "draws the reference and the outcomes: leave reference and outcomes out");
            }
            GeneratedCandidates drawn = GeneratedCandidates.draw(platform.plugins().languageModels(), request.generate(), prompt, seed);
            reference = drawn.reference();
            given = drawn.labels();
        }
        if (reference == null || reference.length < 2) {
            throw ProblemException.badRequest("reference", "required: a positive weight per outcome, at least 2 outcomes");
        }
        for (int i = 0; i < reference.length; i++) {
            if (!Double.isFinite(reference[i]) || reference[i] <= 0) {
                throw ProblemException.badRequest("reference[" + i + "]", "must be a positive finite number, got " + reference[i]);
            }
        }
        int seatCount = required(request.seats(), "seats");
        if (seatCount < 1 || seatCount > 10_000) {
            throw ProblemException.badRequest("seats", "must be in [1, 10000], got " + seatCount);
        }
        int rounds = request.rounds() == null ? 0 : request.rounds();
        if (rounds < 0) {
            throw ProblemException.badRequest("rounds", "must be >= 0 (0: no limit), got " + rounds);
        }
        long deadline = request.deadlineMillis() == null ? 10_000 : request.deadlineMillis();
        if (deadline < 10 || deadline > 86_400_000) {
            throw ProblemException.badRequest("deadlineMillis", "must be in [10, 86400000], got " + deadline);
        }
        String miss = request.missPolicy() == null ? "truthful" : request.missPolicy();
        if (MissPolicy.byId(miss) == null) {
            throw ProblemException.badRequest("missPolicy", "must be truthful, abstain or zero, got " + miss);
        }
        checkSize(reference.length, seatCount);
        String name = Params.displayName("name", request.name());
        ReportShape shape = mechanism.reportShape();
        // Types' weights are drawn as whole numbers within the mechanism's bounds on the weight (1 when it takes none).
        ReportComponent.Scalar weight = shape.component(Report.WEIGHT).orElse(null) instanceof ReportComponent.Scalar w ? w
                : ReportComponent.number(Report.WEIGHT, "weight", 1, 1, true);
        long minWeight = request.types() == null || request.types().minWeight() == null ? (long) Math.ceil(weight.min()) : request.types().minWeight();
        long maxWeight = request.types() == null || request.types().maxWeight() == null ? minWeight : request.types().maxWeight();
        if (minWeight < weight.min() || maxWeight > weight.max() || minWeight > maxWeight) {
            throw ProblemException.badRequest("types", "weights must satisfy " + weight.min() + " <= minWeight <= maxWeight <= " + weight.max());
        }
        Double budget = request.budget();
        if (budget != null && !(budget >= 0 && budget <= MAX_BUDGET)) {
            throw ProblemException.badRequest("budget", "must be a number in [0, 1e12] (what the market may pay out beyond "
                    + "what it takes in), got " + budget);
        }
        List<String> labels = labels(given, reference.length);
        probe(mechanism, reference, labels, seatCount, TypeSpec.asDeclared(minWeight, maxWeight), budget);
        MarketEntity row = new MarketEntity();
        row.id = Ids.next("m-");
        row.name = name == null || name.isBlank() ? row.id : name;
        row.owner = owner;
        row.mechanism = request.mechanism();
        row.params = WireJson.write(params);
        row.reference = WireJson.write(reference);
        row.prompt = prompt;
        row.outcomeLabels = labels.isEmpty() ? null : WireJson.write(labels);
        row.seats = seatCount;
        row.rounds = rounds;
        row.deadlineMillis = deadline;
        row.missPolicy = miss;
        row.minWeight = minWeight;
        row.maxWeight = maxWeight;
        row.seed = seed;
        row.budget = budget;
        row.status = "open";
        row.currentRound = 0;
        row.createdAt = OffsetDateTime.now();
        return row;
    }

    /** The longest prompt or outcome text, in characters. */
    static final int MAX_TEXT = 4000;

    /** An optional text of at most {@link #MAX_TEXT} characters; null when absent. */
    private static String text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw ProblemException.badRequest(field, "at most " + MAX_TEXT + " characters, got " + value.length());
        }
        return value;
    }

    /** The outcomes' texts: absent, or one non-empty text per reference entry. */
    private static List<String> labels(List<String> given, int outcomes) {
        if (given == null) {
            return List.of();
        }
        if (given.size() != outcomes) {
            throw ProblemException.badRequest("outcomes", "one text per outcome: " + outcomes + " (the length of reference), got " + given.size());
        }
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null || given.get(i).isEmpty()) {
                throw ProblemException.badRequest("outcomes[" + i + "]", "must be a non-empty text");
            }
            text("outcomes[" + i + "]", given.get(i));
            Integer earlier = seen.putIfAbsent(given.get(i), i);
            if (earlier != null) {
                throw ProblemException.badRequest("outcomes[" + i + "]", "repeats outcomes[" + earlier + "]: each outcome's text must differ");
            }
        }
        return List.copyOf(given);
    }

    private static int required(Integer value, String field) {
        if (value == null) {
            throw ProblemException.badRequest(field, "required");
        }
        return value;
    }

    /** Refuses sizes that a round could not handle; runs before anything is allocated per seat. */
    void checkSize(int outcomes, int seats) {
        if (outcomes > maxOutcomes()) {
            throw ProblemException.badRequest("reference", "at most " + maxOutcomes() + " outcomes, got " + outcomes
                    + ": a report over more outcomes can exceed the request body limit of " + bodyLimit + " bytes");
        }
        if ((long) outcomes * seats > maxSeatOutcomes) {
            throw ProblemException.badRequest("seats", "seats × outcomes must be at most " + maxSeatOutcomes + ", got "
                    + seats + " × " + outcomes);
        }
    }

    /**
     * Clears one round of truthful types, dealt as the market will deal them (by the mechanism where it deals types,
     * else drawn from {@code types}); refuses the market when that round fails.
     */
    void probe(GuardedMechanism mechanism, double[] reference, List<String> labels, int seats, TypeSpec types, Double budget) {
        OutcomeSpace outcomes = new OutcomeSpace(reference.length, labels);
        SplittableRandom random = new SplittableRandom(seats * 31L + reference.length);
        List<Report> truthful = new ArrayList<>(seats);
        try {
            for (int i = 0; i < seats; i++) {
                String seat = "probe-" + i;
                truthful.add(mechanism.drawType(new TypeDraw(seat, i, 1, outcomes, random))
                        .orElseGet(() -> types.draw(seat, mechanism.reportShape(), outcomes, random)));
            }
            RoundInput round = new RoundInput(1, outcomes, Policy.ofProbabilities(reference), truthful);
            RoundResult result = mechanism.clear(round);
            double received = 0;
            for (Payment p : result.payments()) {
                if (!Double.isFinite(p.amount())) {
                    throw unusable("a payment came out as " + p.amount());
                }
                received += p.amount();
            }
            if (budget != null && budget + received < 0) {
                throw ProblemException.badRequest("budget", String.format(java.util.Locale.ROOT, "a round of truthful reports "
                        + "pays out %.6g net, more than the budget of %.6g: every round would fail", -received, budget));
            }
            for (Report type : truthful) {
                mechanism.value(type, round, result);
            }
        } catch (InvalidInputException | PluginFailureException e) {
            throw unusable(PublicReason.of(e.getMessage()));
        }
    }

    private static ProblemException unusable(String why) {
        return ProblemException.badRequest("params", "the mechanism cannot clear a round of truthful reports with these "
                + "parameters (" + why + "); choose values in the documented ranges");
    }
}
