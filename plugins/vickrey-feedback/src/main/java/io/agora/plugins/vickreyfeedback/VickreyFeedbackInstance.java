package io.agora.plugins.vickreyfeedback;

import io.agora.api.InvalidInputException;
import io.agora.api.MechanismInstance;
import io.agora.api.OutcomeSpace;
import io.agora.api.Payment;
import io.agora.api.Policy;
import io.agora.api.PreferencePair;
import io.agora.api.Report;
import io.agora.api.RoundInput;
import io.agora.api.RoundRecord;
import io.agora.api.RoundResult;
import io.agora.api.TypeDraw;
import io.agora.core.auction.PairAuction;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agora.plugins.vickreyfeedback.VickreyFeedbackMechanism.BID;
import static io.agora.plugins.vickreyfeedback.VickreyFeedbackMechanism.REPLY;

/**
 * One market's data auction. Its state is what it has spent (summed exactly, as the ledger sums payments), whether it
 * has stopped buying, and the pairs training keeps; they change only in {@link #settle}. Its judge is the seeded
 * {@link World}'s or a {@link Judge} model; its outcome, with {@link Training}, the policy fine-tuned on what it bought.
 */
final class VickreyFeedbackInstance implements MechanismInstance {
    private final Settings settings;
    private final World world;
    /** The judge model, or null when the seeded world judges. */
    private final Judge judge;
    /** The policy training on the bought pairs, or null when the market does not train. */
    private final Training training;
    private final int history;
    /** The pairs training keeps, oldest first (state, like what has been spent). */
    private final ArrayDeque<PreferencePair> kept = new ArrayDeque<>();
    private BigDecimal spent = BigDecimal.ZERO;
    private boolean stopped;
    private long bought;

    VickreyFeedbackInstance(Settings settings, long seed, Judge judge, Training training, int history) {
        this.settings = settings;
        this.world = new World(settings, seed);
        this.judge = judge;
        this.training = training;
        this.history = history;
    }

    @Override
    public Optional<Report> drawType(TypeDraw draw) {
        return Optional.of(world.type(draw));
    }

    @Override
    public void validate(Report report, OutcomeSpace outcomes) {
        if (World.outcomeOf(outcomes, report.text(REPLY)) < 0) {
            throw new InvalidInputException(REPLY, outcomes.labels().isEmpty()
                    ? "must be the index of one of the round's " + outcomes.size() + " candidate replies (0 to " + (outcomes.size() - 1) + ")"
                    : "must be one of the round's " + outcomes.size() + " candidate replies, word for word");
        }
    }

    @Override
    public RoundResult clear(RoundInput round) {
        int n = round.reports().size();
        int m = round.outcomes().size();
        double[] judged = judge == null ? world.judged(round.round(), m) : judge.quality(round.outcomes());
        int[] replies = new int[n];
        double[] bids = new double[n];
        double[] quality = new double[n];
        for (int i = 0; i < n; i++) {
            Report r = round.reports().get(i);
            replies[i] = World.outcomeOf(round.outcomes(), r.text(REPLY));
            if (replies[i] < 0) {
                throw new InvalidInputException("reports[" + i + "]." + REPLY, "is not one of the round's candidate replies");
            }
            bids[i] = r.number(BID);
            quality[i] = judged[replies[i]];
        }
        PairAuction.Award award = stopped ? null
                : PairAuction.award(bids, quality, settings.qualityWeight(), settings.reserve(), settings.pricing());
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        List<Payment> payments = new ArrayList<>(n);
        BigDecimal cost = award == null ? BigDecimal.ZERO
                : BigDecimal.valueOf(award.firstPrice()).add(BigDecimal.valueOf(award.secondPrice()));
        boolean fits = award != null && spent.add(cost).compareTo(BigDecimal.valueOf(settings.budget())) <= 0;
        if (!fits) {
            for (Report r : round.reports()) {
                payments.add(new Payment(r.agent(), 0));
            }
            diagnostics.put("bought", 0.0);
            diagnostics.put("budgetStop", stopped || award != null ? 1.0 : 0.0);
            diagnostics.put("spent", spent.doubleValue());
            diagnostics.put("remaining", settings.budget() - spent.doubleValue());
            List<String> notes = stopped ? List.of("the market has stopped buying: its budget is spent")
                    : award != null ? List.of("the pair would cost " + cost + ", more than the " + (settings.budget() - spent.doubleValue())
                    + " left of the budget; the market stops buying") : List.of("fewer than two offers: nothing to buy");
            return new RoundResult(training == null ? round.reference() : training.train(List.copyOf(kept), round.outcomes()), payments,
                    diagnostics, notes);
        }
        boolean firstChosen = settings.labelByJudge() ? quality[award.first()] >= quality[award.second()]
                : bids[award.first()] >= bids[award.second()];
        int chosen = firstChosen ? award.first() : award.second();
        int rejected = firstChosen ? award.second() : award.first();
        for (int i = 0; i < n; i++) {
            double paid = award.paidTo(i);
            payments.add(new Payment(round.reports().get(i).agent(), paid == 0 ? 0 : -paid)); // never −0 in a ledger
        }
        diagnostics.put("bought", 1.0);
        diagnostics.put("budgetStop", 0.0);
        diagnostics.put("chosenOffer", (double) chosen);
        diagnostics.put("rejectedOffer", (double) rejected);
        diagnostics.put("chosenReply", (double) replies[chosen]);
        diagnostics.put("rejectedReply", (double) replies[rejected]);
        diagnostics.put("cost", cost.doubleValue());
        diagnostics.put("spent", spent.add(cost).doubleValue());
        diagnostics.put("remaining", settings.budget() - spent.add(cost).doubleValue());
        diagnostics.put("qaWeight", PairAuction.qaWeight(bids[chosen], bids[rejected], settings.qaScale()));
        if (judge == null) {
            // Positive when the pair is labeled the way the world's true qualities order it; 0 for two offers of the same reply.
            double[] truth = world.quality(round.round(), m);
            diagnostics.put("qualityGap", truth[replies[chosen]] - truth[replies[rejected]]);
        }
        Policy outcome;
        if (training == null) {
            double[] pointMass = new double[m];
            pointMass[replies[chosen]] = 1;
            outcome = Policy.ofProbabilities(pointMass);
        } else {
            List<PreferencePair> pairs = new ArrayList<>(kept);
            if (replies[chosen] != replies[rejected]) {
                pairs.add(new PreferencePair(replies[chosen], replies[rejected], diagnostics.get("qaWeight"), null));
            }
            while (pairs.size() > history) {
                pairs.remove(0);
            }
            outcome = training.train(pairs, round.outcomes());
            diagnostics.put("trainedPairs", (double) pairs.size());
        }
        return new RoundResult(outcome, payments, diagnostics, List.of());
    }

    /**
     * A supplier's value of a round: minus its cost when its offer was bought, else 0. Its cost is its type's ask; a
     * supplier that offered a reply other than its type's has to obtain that reply, at the reserve price on top.
     */
    @Override
    public double value(Report type, RoundInput round, RoundResult result) {
        if (result.diagnostics().getOrDefault("bought", 0.0) == 0) {
            return 0;
        }
        int i = round.indexOf(type.agent());
        if (i < 0 || (i != result.diagnostics().get("chosenOffer").intValue() && i != result.diagnostics().get("rejectedOffer").intValue())) {
            return 0;
        }
        boolean own = round.reports().get(i).text(REPLY).equals(type.text(REPLY));
        return -type.number(BID) - (own ? 0 : settings.reserve());
    }

    @Override
    public void settle(RoundRecord round) {
        Map<String, Double> d = round.result().diagnostics();
        if (d.getOrDefault("bought", 0.0) == 1) {
            for (Payment p : round.result().payments()) {
                spent = spent.subtract(BigDecimal.valueOf(p.amount()));
            }
            bought++;
            if (training != null) {
                for (PreferencePair pair : preferences(round)) {
                    kept.addLast(pair);
                }
                while (kept.size() > history) {
                    kept.removeFirst();
                }
            }
        } else if (d.getOrDefault("budgetStop", 0.0) == 1) {
            stopped = true;
        }
    }

    /**
     * The pair a round bought, with its QA-DPO weight; none when it bought nothing or two offers of the same reply
     * (a pair that teaches nothing). The annotator is the supplier of the chosen reply.
     */
    @Override
    public List<PreferencePair> preferences(RoundRecord round) {
        Map<String, Double> d = round.result().diagnostics();
        if (d.getOrDefault("bought", 0.0) != 1 || d.get("chosenReply").equals(d.get("rejectedReply"))) {
            return List.of();
        }
        String supplier = round.input().reports().get(d.get("chosenOffer").intValue()).agent();
        return List.of(new PreferencePair(d.get("chosenReply").intValue(), d.get("rejectedReply").intValue(), d.get("qaWeight"), supplier));
    }

    /**
     * {@code spent TAB amount}, {@code stopped TAB true|false} and {@code bought TAB count}, one per line, then the pairs
     * training keeps, oldest first: {@code pair TAB chosen TAB rejected TAB weight}.
     */
    @Override
    public Optional<String> snapshot() {
        StringBuilder out = new StringBuilder("spent\t" + spent.toPlainString() + "\nstopped\t" + stopped + "\nbought\t" + bought + "\n");
        for (PreferencePair p : kept) {
            out.append("pair\t").append(p.chosen()).append('\t').append(p.rejected()).append('\t').append(p.weight()).append('\n');
        }
        return Optional.of(out.toString());
    }

    @Override
    public void restore(String snapshot) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<PreferencePair> pairs = new ArrayList<>();
        try {
            for (String row : snapshot.split("\n")) {
                String[] f = row.split("\t");
                if (f.length == 2) {
                    fields.put(f[0], f[1]);
                } else if (f.length == 4 && f[0].equals("pair")) {
                    pairs.add(new PreferencePair(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]), null));
                }
            }
            BigDecimal readSpent = new BigDecimal(fields.get("spent"));
            String readStopped = fields.get("stopped");
            long readBought = Long.parseLong(fields.get("bought"));
            if (readSpent.signum() < 0 || readBought < 0 || !(readStopped.equals("true") || readStopped.equals("false"))) {
                throw new IllegalArgumentException("out of range");
            }
            spent = readSpent;
            stopped = Boolean.parseBoolean(readStopped);
            bought = readBought;
            kept.clear();
            kept.addAll(pairs);
        } catch (RuntimeException e) {
            throw new InvalidInputException("snapshot", "is not 'spent', 'stopped' and 'bought', one per line: " + e.getMessage());
        }
    }

    /** The market's seeded world (tests). */
    World world() {
        return world;
    }

    /** What the market has spent (tests and diagnostics). */
    double spent() {
        return spent.doubleValue();
    }

    /** Whether the market has stopped buying. */
    boolean stopped() {
        return stopped;
    }
}
